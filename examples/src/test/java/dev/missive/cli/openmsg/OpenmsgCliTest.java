package dev.missive.cli.openmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.cli.MissiveCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operator flow of DESIGN.md "The missive CLI": two {@code openmsg-node}s, each on its own SQLite
 * file, and operator commands that open the same files through their own connection pools (as a
 * separate process would). The peer's callbacks reach the running node, which must find what the
 * operator command wrote.
 */
class OpenmsgCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final List<RunningNode> nodes = new ArrayList<>();

    private record RunningNode(OpenmsgNodeCommand command, StringWriter out, Future<Integer> exit) {
    }

    private record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void quietLogs() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (RunningNode node : nodes) {
            node.command().stop();
            assertThat(node.exit().get()).isZero();
        }
        background.shutdown();
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private RunningNode startNode(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        OpenmsgNodeCommand command = cli.getSubcommands().get("openmsg-node").getCommand();
        Future<Integer> exit = background.submit(() -> cli.execute(args));
        await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("listening on") || exit.isDone());
        assertThat(out.toString()).matches("listening on 127\\.0\\.0\\.1:\\d+\\R");
        RunningNode node = new RunningNode(command, out, exit);
        nodes.add(node);
        return node;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void passcodeConnectSendAndInboxAgainstRunningNodesOnSharedSqliteFiles() throws Exception {
        String storeA = "sqlite:" + dir.resolve("a.db");
        String storeB = "sqlite:" + dir.resolve("b.db");
        int portA = freePort();
        int portB = freePort();
        String peerA = "a.example=http://127.0.0.1:" + portA + "/openmsg/";
        String peerB = "b.example=http://127.0.0.1:" + portB + "/openmsg/";
        startNode("openmsg-node", "--domain", "a.example", "--port", Integer.toString(portA), "--store", storeA,
                "--peer", peerB, "--user", "1000000:Alice");
        startNode("openmsg-node", "--domain", "b.example", "--port", Integer.toString(portB), "--store", storeB,
                "--peer", peerA, "--user", "2000000:Bob");

        Result code = run("openmsg", "passcode", "--store", storeB, "--user", "2000000");
        assertThat(code.exit()).as(code.err()).isZero();
        assertThat(code.out()).matches("\\d{6}\\R");

        Result connect = run("openmsg", "connect", "--store", storeA, "--from", "1000000*a.example",
                "--to", "2000000*b.example", "--pass-code", code.out().strip(), "--peer", peerB);
        assertThat(connect.exit()).as(connect.err()).isZero();
        assertThat(connect.out()).contains("connected 1000000*a.example to 2000000*b.example (Bob)");

        Instant before = Instant.now().minusSeconds(1);
        Result toBob = run("openmsg", "send", "--store", storeA, "--from", "1000000*a.example",
                "--to", "2000000*b.example", "--text", "Hello Bob", "--peer", peerB);
        assertThat(toBob.exit()).as(toBob.err()).isZero();
        assertThat(toBob.out()).matches("[0-9a-f]{64}\\R");
        Result toAlice = run("openmsg", "send", "--store", storeB, "--from", "2000000*b.example",
                "--to", "1000000*a.example", "--text", "Hello Alice", "--peer", peerA);
        assertThat(toAlice.exit()).as(toAlice.err()).isZero();

        Result inboxB = run("openmsg", "inbox", "--store", storeB, "--user", "2000000");
        assertThat(inboxB.exit()).as(inboxB.err()).isZero();
        List<String> lines = inboxB.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode message = JSON.readTree(lines.get(0));
        assertThat(message.path("from").asText()).isEqualTo("1000000*a.example");
        assertThat(message.path("from_name").asText()).isEqualTo("Alice");
        assertThat(message.path("text").asText()).isEqualTo("Hello Bob");
        assertThat(message.path("message_hash").asText()).isEqualTo(toBob.out().strip());
        assertThat(Instant.parse(message.path("received_at").asText())).isAfter(before);

        Result inboxA = run("openmsg", "inbox", "--store", storeA, "--user", "1000000");
        assertThat(inboxA.out().lines().map(line -> read(line).path("text").asText()).toList())
                .containsExactly("Hello Alice");
    }

    @Test
    void theNodeServesTlsFromPemFilesAndOperatorsTrustAPemCa() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
        HeldCertificate leaf = new HeldCertificate.Builder().signedBy(ca)
                .addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost").build();
        Path cert = Files.writeString(dir.resolve("node.pem"), leaf.certificatePem() + ca.certificatePem());
        Path key = Files.writeString(dir.resolve("node.key"), leaf.privateKeyPkcs8Pem());
        Path trust = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        String storeA = "sqlite:" + dir.resolve("a.db");
        String storeB = "sqlite:" + dir.resolve("b.db");
        int portA = freePort();
        int portB = freePort();
        String peerA = "a.example=https://127.0.0.1:" + portA + "/openmsg/";
        String peerB = "b.example=https://127.0.0.1:" + portB + "/openmsg/";
        for (String[] node : List.of(
                new String[] {"a.example", Integer.toString(portA), storeA, peerB, "1:Alice"},
                new String[] {"b.example", Integer.toString(portB), storeB, peerA, "2:Bob"})) {
            startNode("openmsg-node", "--domain", node[0], "--port", node[1], "--store", node[2], "--peer", node[3],
                    "--user", node[4], "--tls-cert", cert.toString(), "--tls-key", key.toString(),
                    "--trust-cert", trust.toString());
        }

        String code = run("openmsg", "passcode", "--store", storeB, "--user", "2").out().strip();
        Result connect = run("openmsg", "connect", "--store", storeA, "--from", "1*a.example", "--to", "2*b.example",
                "--pass-code", code, "--peer", peerB, "--trust-cert", trust.toString());
        assertThat(connect.exit()).as(connect.err()).isZero();
        Result untrusted = run("openmsg", "send", "--store", storeA, "--from", "1*a.example", "--to", "2*b.example",
                "--text", "no trust", "--peer", peerB);
        assertThat(untrusted.exit()).isEqualTo(1);
        assertThat(untrusted.err()).contains("PEER_UNREACHABLE");
        Result sent = run("openmsg", "send", "--store", storeA, "--from", "1*a.example", "--to", "2*b.example",
                "--text", "over TLS", "--peer", peerB, "--trust-cert", trust.toString());
        assertThat(sent.exit()).as(sent.err()).isZero();
        assertThat(run("openmsg", "inbox", "--store", storeB, "--user", "2").out()).contains("\"text\":\"over TLS\"");
    }

    @Test
    void failuresExitNonZeroWithTheReasonOnStderr() throws Exception {
        String store = "sqlite:" + dir.resolve("lonely.db");

        Result noDomain = run("openmsg", "passcode", "--store", store, "--user", "1");
        assertThat(noDomain.exit()).isEqualTo(1);
        assertThat(noDomain.err()).contains("no node domain");

        Result unknownUser = run("openmsg", "passcode", "--store", store, "--user", "1", "--domain", "a.example");
        assertThat(unknownUser.exit()).isEqualTo(1);
        assertThat(unknownUser.err()).contains("no such local user");

        Result badAddress = run("openmsg", "send", "--store", store, "--from", "alice@a.example",
                "--to", "2*b.example", "--text", "x");
        assertThat(badAddress.exit()).isEqualTo(1);
        assertThat(badAddress.err()).contains("id*domain");

        Result notConnected = run("openmsg", "send", "--store", store, "--from", "1*a.example",
                "--to", "2*b.example", "--text", "x");
        assertThat(notConnected.exit()).isEqualTo(1);
        assertThat(notConnected.err()).contains("not delivered");

        Result badStore = run("openmsg", "inbox", "--store", "ftp://nowhere", "--user", "1");
        assertThat(badStore.exit()).isNotZero();
        assertThat(badStore.err()).isNotEmpty();

        Result missingOption = run("openmsg", "connect", "--store", store);
        assertThat(missingOption.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(missingOption.err()).contains("--from");
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
