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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;

/**
 * Runs {@code missive} commands in this JVM as a shell would run them as processes: each command gets
 * a fresh command line (its own store pool), {@code openmsg-node}s run in the background until
 * {@link #close()}.
 */
final class CliProcesses implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final List<RunningNode> nodes = new ArrayList<>();

    private record RunningNode(OpenmsgNodeCommand command, Future<Integer> exit) {}

    /** What a finished command left behind. */
    record Result(int exit, String out, String err) {}

    /** Runs one command to completion. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Starts {@code openmsg-node ...} in the background and waits for its "listening on" line. */
    void startNode(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        OpenmsgNodeCommand command = cli.getSubcommands().get("openmsg-node").getCommand();
        Future<Integer> exit = background.submit(() -> cli.execute(args));
        await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("listening on") || exit.isDone());
        assertThat(out.toString()).matches("listening on 127\\.0\\.0\\.1:\\d+\\R");
        nodes.add(new RunningNode(command, exit));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The README flow: two nodes on their stores, then passcode, connect, a message each way and both
     * inboxes, every operator command opening the stores on its own.
     */
    void operatorFlow(String storeA, String storeB) throws Exception {
        int portA = freePort();
        int portB = freePort();
        String peerA = "a.example=http://127.0.0.1:" + portA + "/openmsg/";
        String peerB = "b.example=http://127.0.0.1:" + portB + "/openmsg/";
        startNode(
                "openmsg-node",
                "--domain",
                "a.example",
                "--port",
                Integer.toString(portA),
                "--store",
                storeA,
                "--peer",
                peerB,
                "--user",
                "1000000:Alice");
        startNode(
                "openmsg-node",
                "--domain",
                "b.example",
                "--port",
                Integer.toString(portB),
                "--store",
                storeB,
                "--peer",
                peerA,
                "--user",
                "2000000:Bob");

        Result code = run("openmsg", "passcode", "--store", storeB, "--user", "2000000");
        assertThat(code.exit()).as(code.err()).isZero();
        assertThat(code.out()).matches("\\d{6}\\R");

        Result connect = run(
                "openmsg",
                "connect",
                "--store",
                storeA,
                "--from",
                "1000000*a.example",
                "--to",
                "2000000*b.example",
                "--pass-code",
                code.out().strip(),
                "--peer",
                peerB);
        assertThat(connect.exit()).as(connect.err()).isZero();
        assertThat(connect.out()).contains("connected 1000000*a.example to 2000000*b.example (Bob)");

        Instant before = Instant.now().minusSeconds(1);
        Result toBob = run(
                "openmsg",
                "send",
                "--store",
                storeA,
                "--from",
                "1000000*a.example",
                "--to",
                "2000000*b.example",
                "--text",
                "Hello Bob",
                "--peer",
                peerB);
        assertThat(toBob.exit()).as(toBob.err()).isZero();
        assertThat(toBob.out()).matches("[0-9a-f]{64}\\R");
        Result toAlice = run(
                "openmsg",
                "send",
                "--store",
                storeB,
                "--from",
                "2000000*b.example",
                "--to",
                "1000000*a.example",
                "--text",
                "Hello Alice",
                "--peer",
                peerA);
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
        assertThat(inboxA.out()
                        .lines()
                        .map(line -> read(line).path("text").asText())
                        .toList())
                .containsExactly("Hello Alice");
    }

    /** Stops the nodes; each must exit with 0. */
    @Override
    public void close() throws Exception {
        for (RunningNode node : nodes) {
            node.command().stop();
            assertThat(node.exit().get()).isZero();
        }
        background.shutdown();
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
