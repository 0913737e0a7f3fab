package dev.missive.cli.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.cli.MissiveCli;
import dev.missive.crash.NodeProcess;
import dev.missive.http.HttpPeerClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI flow against three {@code missive mesh-server} processes on loopback, in a line A — B — C
 * on SQLite stores, syncing every 200 ms: keygen, a message sent through A with cover packets and
 * fetched from C (shown once across runs, again with {@code --all}; the cover never), discarded there
 * and not coming back, and the peers with their scores. The client commands run in
 * this JVM as a shell would run them (a fresh command line each).
 */
class MeshCliProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SYNCED = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<NodeProcess> servers = new ArrayList<>();

    record Result(int exit, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @AfterEach
    void stopServers() throws Exception {
        for (NodeProcess server : servers) {
            server.stop();
        }
    }

    private String startServer(String name, int port, int... peers) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "mesh-server",
                "--port",
                Integer.toString(port),
                "--store",
                "sqlite:" + dir.resolve(name + ".db"),
                "--key",
                MeshTestFiles.key(dir, "server-" + name).toString(),
                "--sync-interval",
                "PT0.2S"));
        for (int peer : peers) {
            arguments.add("--peer");
            arguments.add("http://127.0.0.1:" + peer);
        }
        servers.add(NodeProcess.start(arguments, dir, "mesh-" + name));
        return "http://127.0.0.1:" + port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> lines(Result result) {
        assertThat(result.exit()).as(result.err()).isZero();
        return result.out().lines().map(MeshCliProcessTest::read).toList();
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    @Test
    void sentThroughAFetchedFromCDiscardedAndNotComingBack() throws Exception {
        int portA = freePort();
        int portB = freePort();
        int portC = freePort();
        String a = startServer("a", portA, portB);
        String b = startServer("b", portB, portA, portC);
        String c = startServer("c", portC, portB);

        Path aliceKey = dir.resolve("alice.pem");
        Result keygen = run("mesh", "keygen", "--out", aliceKey.toString());
        assertThat(keygen.exit()).as(keygen.err()).isZero();
        String alice = keygen.out().strip();
        assertThat(alice).matches("[A-Za-z0-9+/]+=*").hasSizeGreaterThan(700);
        assertThat(Files.readString(aliceKey)).startsWith("-----BEGIN PRIVATE KEY-----");

        Path bobKey = MeshTestFiles.key(dir, "bob");
        Path bobPublic = dir.resolve("bob.pub");
        Files.writeString(bobPublic, publicKey(bobKey));

        Instant before = Instant.now().minusSeconds(1);
        Result send = run(
                "mesh",
                "send",
                "--server",
                a,
                "--key",
                aliceKey.toString(),
                "--to",
                bobPublic.toString(),
                "--text",
                "Hello Bob, via A",
                "--cover",
                "2");
        assertThat(send.exit()).as(send.err()).isZero();
        assertThat(send.err()).isEmpty();
        String hash = send.out().strip();
        assertThat(hash).matches("[0-9a-f]{64}");
        // The real packet and two cover packets, stored like any packet.
        assertThat(livePackets(a)).isEqualTo(3);

        // The first fetch that finds it shows it; later fetches with the same state do not.
        AtomicReference<List<JsonNode>> firstShown = new AtomicReference<>(List.of());
        await().atMost(SYNCED).until(() -> {
            firstShown.set(lines(fetch(c, bobKey, "bob")));
            return !firstShown.get().isEmpty();
        });
        assertThat(firstShown.get()).singleElement().satisfies(message -> {
            assertThat(message.path("from").asText()).isEqualTo(alice);
            assertThat(message.path("text").asText()).isEqualTo("Hello Bob, via A");
            assertThat(message.path("hash").asText()).isEqualTo(hash);
            assertThat(message.path("id").asText()).matches("[0-9a-f-]{36}");
            assertThat(message.path("timestamp").asText()).endsWith("Z");
            assertThat(Instant.parse(message.path("timestamp").asText())).isAfter(before);
        });
        assertThat(lines(fetch(c, bobKey, "bob"))).isEmpty();
        assertThat(lines(fetch(c, bobKey, "bob", "--all")))
                .singleElement()
                .satisfies(m -> assertThat(m.path("hash").asText()).isEqualTo(hash));
        assertThat(lines(fetch(c, bobKey, "bob-elsewhere"))).hasSize(1);

        // Alice's cover reached C too, and never shows when she fetches, not even with --all.
        await().atMost(SYNCED).until(() -> livePackets(c) == 3);
        Result own = fetch(c, aliceKey, "alice", "--all", "--discard");
        assertThat(lines(own)).isEmpty();
        assertThat(own.err()).isEmpty();
        assertThat(livePackets(c)).isEqualTo(1);

        assertThat(lines(fetch(c, bobKey, "bob", "--discard"))).isEmpty();
        assertThat(livePackets(c)).isZero();

        // C's discard proof reaches its peer B; neither gets the packet back from A through sync.
        await().atMost(SYNCED)
                .until(() -> lines(fetch(b, bobKey, "bob", "--all")).isEmpty());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> lines(fetch(c, bobKey, "bob", "--all")).isEmpty()
                        && lines(fetch(b, bobKey, "bob", "--all")).isEmpty());

        List<JsonNode> peersOfB = lines(run("mesh", "peers", "--server", b));
        assertThat(peersOfB).extracting(p -> p.path("url").asText()).containsExactlyInAnyOrder(a, c);
        assertThat(peersOfB).allSatisfy(p -> {
            assertThat(p.path("score").isInt()).isTrue();
            assertThat(p.path("status").asText()).isEqualTo("active");
        });
    }

    /** {@code mesh fetch} with the state directory {@code dir/state-NAME}, never the user's home. */
    private Result fetch(String server, Path key, String stateName, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "mesh",
                "fetch",
                "--server",
                server,
                "--key",
                key.toString(),
                "--state",
                dir.resolve("state-" + stateName).toString()));
        arguments.addAll(List.of(more));
        return run(arguments.toArray(String[]::new));
    }

    /** The live packets a server holds, as its {@code GET /status} says. */
    private static long livePackets(String server) throws IOException {
        HttpPeerClient.Answer status = HttpPeerClient.builder().build().get(URI.create(server + "/status"));
        assertThat(status.status()).isEqualTo(200);
        return JSON.readTree(status.body()).path("packets").asLong();
    }

    @Test
    void errorsAreOneLineWithTheValueAndTheExitCode() throws Exception {
        Path bobKey = MeshTestFiles.key(dir, "bob");
        int closed = freePort();

        Result unreachable = run(
                "mesh",
                "send",
                "--server",
                "http://127.0.0.1:" + closed,
                "--key",
                bobKey.toString(),
                "--to",
                publicKey(bobKey),
                "--text",
                "x");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("missive mesh send: ").contains("127.0.0.1:" + closed);
        assertThat(unreachable.err().lines()).hasSize(1);

        Result tooMuchCover = run(
                "mesh",
                "send",
                "--server",
                "http://127.0.0.1:" + closed,
                "--key",
                bobKey.toString(),
                "--to",
                publicKey(bobKey),
                "--text",
                "x",
                "--cover",
                "99");
        assertThat(tooMuchCover.exit()).isEqualTo(2);
        assertThat(tooMuchCover.err()).startsWith("missive mesh send: ").contains("--cover 99");

        Result badInterval = run("mesh-server", "--port", "1", "--sync-interval", "soon");
        assertThat(badInterval.exit()).isEqualTo(2);
        assertThat(badInterval.err()).startsWith("missive mesh-server: ").contains("'soon'");

        Result badProfile = run("mesh-server", "--port", "1", "--profile", "j9");
        assertThat(badProfile.exit()).isEqualTo(2);
        assertThat(badProfile.err()).contains("'j9'");

        Result badProxy = run(
                "mesh",
                "fetch",
                "--server",
                "http://127.0.0.1:1",
                "--key",
                bobKey.toString(),
                "--rx-proxy",
                "ftp://x:1",
                "--state",
                dir.resolve("state").toString());
        assertThat(badProxy.exit()).isEqualTo(2);
        assertThat(badProxy.err()).startsWith("missive mesh fetch: ").contains("ftp://x:1");

        Result badServer = run("mesh", "peers", "--server", "file:///etc/passwd");
        assertThat(badServer.exit()).isEqualTo(2);
        assertThat(badServer.err()).contains("file:///etc/passwd");

        Result missingKey = run(
                "mesh",
                "fetch",
                "--server",
                "http://127.0.0.1:1",
                "--key",
                dir.resolve("nope.pem").toString(),
                "--state",
                dir.resolve("state").toString());
        assertThat(missingKey.exit()).isEqualTo(1);
        assertThat(missingKey.err()).startsWith("missive mesh fetch: ").contains("nope.pem");

        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Result badState = run(
                "mesh",
                "fetch",
                "--server",
                "http://127.0.0.1:1",
                "--key",
                bobKey.toString(),
                "--state",
                notADirectory.toString());
        assertThat(badState.exit()).isEqualTo(1);
        assertThat(badState.err()).startsWith("missive mesh fetch: cannot create --state " + notADirectory);
        assertThat(badState.err().lines()).hasSize(1);

        Path exists = MeshTestFiles.key(dir, "alice");
        Result overwrite = run("mesh", "keygen", "--out", exists.toString(), "--bits", "2048");
        assertThat(overwrite.exit()).isEqualTo(1);
        assertThat(overwrite.err()).contains(exists.toString()).contains("exists");

        Result badBits = run("mesh", "keygen", "--out", dir.resolve("k.pem").toString(), "--bits", "1024");
        assertThat(badBits.exit()).isEqualTo(2);
        assertThat(badBits.err()).contains("1024");
    }

    /** The public key of a PEM private key file, as {@code keygen} prints it. */
    private static String publicKey(Path privateKey) throws IOException {
        return dev.missive.mesh.client.MeshKeys.publicKeyText(MeshKeyFiles.read(privateKey, "--key"));
    }
}
