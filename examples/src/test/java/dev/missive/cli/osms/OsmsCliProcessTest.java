package dev.missive.cli.osms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.cli.MissiveCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's OSMS flow with every command a separate {@code missive} process, as a user runs them:
 * a server on SQLite with closed registration, keys made with {@code osms keygen}, accounts added
 * by the operator, a refused early send, mutual authorization, a text delivered while the recipient
 * waits in {@code osms inbox --wait}, a rename that keeps the key, and the server key surviving a
 * restart.
 */
class OsmsCliProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):(\\d+)");
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint ([0-9a-f]{40})");

    @TempDir
    Path dir;

    /** What a finished process printed. */
    record Result(int exit, String out, String err) {}

    private Process start(String name, String... args) throws IOException {
        return start(name, null, args);
    }

    /** Starts {@code missive args} with stdin from {@code stdin} (or nothing). */
    private Process start(String name, Path stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                MissiveCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        return builder.start();
    }

    private Result finish(String name, Process process) throws Exception {
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(name + " finished").isTrue();
        return new Result(
                process.exitValue(),
                Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8));
    }

    private Result run(String name, String... args) throws Exception {
        return finish(name, start(name, args));
    }

    private String read(String name) throws IOException {
        Path file = dir.resolve(name + ".out");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** Starts {@code osms-server} and returns its base URL and fingerprint once it listens. */
    private String[] startServer(String name, String store) throws IOException {
        return startServer(name, store, "closed");
    }

    private String[] startServer(String name, String store, String registration) throws IOException {
        Process server = start(name, "osms-server", "--port", "0", "--store", store, "--registration", registration);
        servers.add(server);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> LISTENING.matcher(read(name)).find() || !server.isAlive());
        String out = read(name);
        Matcher listening = LISTENING.matcher(out);
        Matcher fingerprint = FINGERPRINT.matcher(out);
        assertThat(listening.find()).as(out).isTrue();
        assertThat(fingerprint.find()).as(out).isTrue();
        return new String[] {"http://" + listening.group(1) + ":" + listening.group(2), fingerprint.group(1)};
    }

    private final List<Process> servers = new ArrayList<>();

    private void stopServers() throws InterruptedException {
        for (Process server : servers) {
            server.destroy(); // SIGTERM: the shutdown hook closes the server and the store
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        servers.clear();
    }

    private List<String> account(String server, String fingerprint, String key, String user) {
        return List.of(
                "--server", server,
                "--server-fingerprint", fingerprint,
                "--state", dir.resolve("state-" + user).toString(),
                "--key", key,
                "--username", user);
    }

    private static String[] args(String group, String command, List<String> common, String... more) {
        List<String> all = new ArrayList<>(List.of(group, command));
        all.addAll(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void theReadmeFlowWorksCommandByCommand() throws Exception {
        String store = "sqlite:" + dir.resolve("osms.db");
        String aliceKey = dir.resolve("alice.key").toString();
        String bobKey = dir.resolve("bob.key").toString();

        Result keygen = run("keygen-alice", "osms", "keygen", "--out", aliceKey);
        assertThat(keygen.exit()).as(keygen.err()).isZero();
        Matcher aliceFingerprint = FINGERPRINT.matcher(keygen.out());
        assertThat(aliceFingerprint.find()).as(keygen.out()).isTrue();
        assertThat(run("keygen-bob", "osms", "keygen", "--out", bobKey).exit()).isZero();

        String[] started = startServer("server", store);
        String url = started[0];
        String fingerprint = started[1];
        try {
            Result registerAlice = run(
                    "register-alice",
                    "osms",
                    "register",
                    "--store",
                    store,
                    "--username",
                    "Alice",
                    "--public-key",
                    aliceKey + ".pub");
            assertThat(registerAlice.exit()).as(registerAlice.err()).isZero();
            assertThat(registerAlice.out()).isEqualTo("registered alice " + aliceFingerprint.group(1) + "\n");
            assertThat(run(
                                    "register-bob",
                                    "osms",
                                    "register",
                                    "--store",
                                    store,
                                    "--username",
                                    "bob",
                                    "--public-key",
                                    bobKey + ".pub")
                            .exit())
                    .isZero();

            List<String> alice = account(url, fingerprint, aliceKey, "alice");
            List<String> bob = account(url, fingerprint, bobKey, "bob");

            Result lookup = run(
                    "lookup",
                    "osms",
                    "lookup",
                    "--server",
                    url,
                    "--server-fingerprint",
                    fingerprint,
                    "--state",
                    dir.resolve("state-alice").toString(),
                    "--username",
                    "ALICE");
            assertThat(lookup.exit()).as(lookup.err()).isZero();
            JsonNode record = JSON.readTree(lookup.out());
            assertThat(record.path("username").asText()).isEqualTo("alice");
            assertThat(record.path("fingerprint").asText()).isEqualTo(aliceFingerprint.group(1));

            Result early = run("send-early", args("osms", "send", alice, "--to", "bob", "--text", "too early"));
            assertThat(early.exit()).isEqualTo(1);
            List<String> earlyLines = early.err().strip().lines().toList();
            assertThat(earlyLines.get(earlyLines.size() - 1))
                    .startsWith("missive osms send: ")
                    .contains("have not both authorized each other")
                    .doesNotContain("Exception");

            Result authorizeAlice = run("authorize-alice", args("osms", "authorize", alice, "--peer", "bob"));
            assertThat(authorizeAlice.exit()).as(authorizeAlice.err()).isZero();
            assertThat(authorizeAlice.out()).contains("waiting for bob to authorize alice");
            Result authorizeBob = run("authorize-bob", args("osms", "authorize", bob, "--peer", "alice"));
            assertThat(authorizeBob.out()).contains("mutual");

            Instant before = Instant.now().minusSeconds(1);
            Process inbox = start("inbox-bob", args("osms", "inbox", bob, "--wait", "90s"));
            Result send =
                    run("send", args("osms", "send", alice, "--to", "bob", "--text", "Hello Bob", "--wait", "90s"));
            assertThat(send.exit()).as(send.err()).isZero();
            assertThat(send.err()).contains("sent to bob");
            Result received = finish("inbox-bob", inbox);
            assertThat(received.exit()).as(received.err()).isZero();
            List<String> lines = received.out().lines().toList();
            assertThat(lines).hasSize(1);
            JsonNode text = JSON.readTree(lines.get(0));
            assertThat(text.path("from").asText()).isEqualTo("alice");
            assertThat(text.path("text").asText()).isEqualTo("Hello Bob");
            assertThat(Instant.parse(text.path("received_at").asText())).isAfter(before);
            // Kept in Bob's state directory before the server deleted it.
            assertThat(Files.readString(
                            dir.resolve("state-bob/received/127.0.0.1_" + url.replaceAll(".*:", "") + "/bob.jsonl")))
                    .isEqualTo(lines.get(0) + "\n");

            Result rename = run("rename", args("osms", "rename", alice, "--to", "alice2"));
            assertThat(rename.exit()).as(rename.err()).isZero();
            Result renamed = run(
                    "lookup-renamed",
                    "osms",
                    "lookup",
                    "--server",
                    url,
                    "--server-fingerprint",
                    fingerprint,
                    "--state",
                    dir.resolve("state-bob").toString(),
                    "--username",
                    "alice2");
            assertThat(JSON.readTree(renamed.out()).path("fingerprint").asText())
                    .isEqualTo(aliceFingerprint.group(1));
        } finally {
            stopServers();
        }

        // The key was generated once and kept in the store: the same fingerprint after a restart.
        String[] restarted = startServer("server-again", store);
        try {
            assertThat(restarted[1]).isEqualTo(fingerprint);
        } finally {
            stopServers();
        }
    }

    /** Keys for {@code users}, their accounts (open registration) and mutual consent between pairs. */
    private java.util.Map<String, List<String>> consentingPairs(String url, String fingerprint, String... users)
            throws Exception {
        java.util.Map<String, List<String>> accounts = new java.util.LinkedHashMap<>();
        for (String user : users) {
            String key = dir.resolve(user + ".key").toString();
            assertThat(run("keygen-" + user, "osms", "keygen", "--out", key).exit())
                    .isZero();
            accounts.put(user, account(url, fingerprint, key, user));
        }
        for (int i = 0; i + 1 < users.length; i += 2) {
            String a = users[i];
            String b = users[i + 1];
            // With open registration an account exists from its first login: B's, then A's by authorize.
            Result created = run("create-" + b, args("osms", "inbox", accounts.get(b)));
            assertThat(created.exit()).as(created.err()).isZero();
            Result first = run("authorize-" + a, args("osms", "authorize", accounts.get(a), "--peer", b));
            assertThat(first.exit()).as(first.err()).isZero();
            Result second = run("authorize-" + b, args("osms", "authorize", accounts.get(b), "--peer", a));
            assertThat(second.out()).as(second.err()).contains("mutual");
        }
        return accounts;
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void verifyProvesASharedSecretAndReportsDifferentSecretsAndAnAbsentPeer() throws Exception {
        String[] started = startServer("verify-server", "memory:", "open");
        String url = started[0];
        try {
            var accounts = consentingPairs(url, started[1], "alice", "bob", "carol", "dave", "erin", "frank");
            Path bobSecret = dir.resolve("bob-secret.txt");
            Files.writeString(bobSecret, "correct horse battery\n");
            Path daveSecret = dir.resolve("dave-secret.txt");
            Files.writeString(daveSecret, "another staple\n");

            // Equal secrets: Alice's on the command line, Bob's on stdin.
            Process alice = start(
                    "verify-alice",
                    args(
                            "osms",
                            "verify",
                            accounts.get("alice"),
                            "--peer",
                            "bob",
                            "--secret",
                            "correct horse battery",
                            "--wait",
                            "90s"));
            Process bob = start(
                    "verify-bob",
                    bobSecret,
                    args(
                            "osms",
                            "verify",
                            accounts.get("bob"),
                            "--peer",
                            "alice",
                            "--secret-file",
                            "-",
                            "--wait",
                            "90s"));
            Result aliceResult = finish("verify-alice", alice);
            Result bobResult = finish("verify-bob", bob);
            assertThat(aliceResult.exit()).as(aliceResult.err()).isZero();
            assertThat(bobResult.exit()).as(bobResult.err()).isZero();
            String bobFingerprint = JSON.readTree(run(
                                    "lookup-bob",
                                    "osms",
                                    "lookup",
                                    "--server",
                                    url,
                                    "--state",
                                    dir.resolve("state-carol").toString(),
                                    "--username",
                                    "bob")
                            .out())
                    .path("fingerprint")
                    .asText();
            assertThat(aliceResult.out()).isEqualTo("verified bob " + bobFingerprint + "\n");
            assertThat(bobResult.out()).startsWith("verified alice ");
            assertThat(aliceResult.err()).contains("waiting up to 90s for bob").doesNotContain("correct horse");
            assertThat(bobResult.err()).contains("waiting up to 90s for alice").doesNotContain("correct horse");
            // Recorded: Alice's lookup of Bob says verified; Carol, who verified no one, sees the same key unverified.
            Result lookup = run(
                    "lookup-verified",
                    "osms",
                    "lookup",
                    "--server",
                    url,
                    "--state",
                    dir.resolve("state-alice").toString(),
                    "--username",
                    "bob");
            assertThat(JSON.readTree(lookup.out()).path("verified").asBoolean())
                    .as(lookup.out())
                    .isTrue();
            Result unverified = run(
                    "lookup-unverified",
                    "osms",
                    "lookup",
                    "--server",
                    url,
                    "--state",
                    dir.resolve("state-carol").toString(),
                    "--username",
                    "bob");
            assertThat(JSON.readTree(unverified.out()).path("verified").asBoolean())
                    .isFalse();

            // Different secrets: both report that they are not verified.
            Process carol = start(
                    "verify-carol",
                    args(
                            "osms",
                            "verify",
                            accounts.get("carol"),
                            "--peer",
                            "dave",
                            "--secret",
                            "correct horse",
                            "--wait",
                            "90s"));
            Process dave = start(
                    "verify-dave",
                    args(
                            "osms",
                            "verify",
                            accounts.get("dave"),
                            "--peer",
                            "carol",
                            "--secret-file",
                            daveSecret.toString(),
                            "--wait",
                            "90s"));
            for (Result failed : List.of(finish("verify-carol", carol), finish("verify-dave", dave))) {
                assertThat(failed.exit()).as(failed.err()).isEqualTo(1);
                assertThat(failed.out()).startsWith("not verified ");
                assertThat(lastLine(failed.err()))
                        .startsWith("missive osms verify: not verified: the secrets differ")
                        .doesNotContain("Exception");
            }

            // No peer: Erin waits, then times out.
            Result alone = run(
                    "verify-erin",
                    args("osms", "verify", accounts.get("erin"), "--peer", "frank", "--secret", "s", "--wait", "3s"));
            assertThat(alone.exit()).isEqualTo(1);
            assertThat(lastLine(alone.err()))
                    .isEqualTo("missive osms verify: timed out after 3s waiting for frank to run osms verify --peer"
                            + " erin (OTR needs both users active at the same time): not verified");

            // Usage errors: no secret, or an empty one.
            Result noSecret = run("verify-nosecret", args("osms", "verify", accounts.get("erin"), "--peer", "frank"));
            assertThat(noSecret.exit()).isEqualTo(2);
            assertThat(lastLine(noSecret.err()))
                    .startsWith("missive osms verify: ")
                    .contains("--secret");
        } finally {
            stopServers();
        }
    }
}
