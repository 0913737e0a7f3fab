package dev.missive.cli;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.http.openmsg.OkHttpPeerTransport;
import dev.missive.http.openmsg.OpenmsgHttpServer;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.openmsg.JdbcOpenmsgStore;
import dev.missive.jdbc.smp.JdbcMessageStore;
import dev.missive.jdbc.smp.JdbcQueueStore;
import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.PassCode;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.PeerLocator;
import dev.missive.smp.SmpServer;
import dev.missive.smp.client.DuplexConnection;
import dev.missive.smp.client.Invitation;
import dev.missive.smp.client.ServerAddress;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.smp.SmpTcpClientPool;
import dev.missive.tcp.smp.SmpTcpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code missive demo}: every implemented protocol end to end on loopback, on the embedded default
 * store (SQLite files), with a readable transcript. Exit code 0 only if every step succeeded.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run every implemented protocol end to end on loopback and print a transcript.",
            "Exit code 0 only if every step succeeded."})
public final class DemoCommand implements java.util.concurrent.Callable<Integer> {

    private static final long TIMEOUT_SECONDS = 30;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the SQLite stores in DIR (default: a temporary directory, deleted afterwards).")
    private Path data;

    /** Picocli instantiates the command. */
    public DemoCommand() {}

    /** A demo step: returns the line to print, or throws to fail the demo. */
    @FunctionalInterface
    private interface Step {
        String run() throws Exception;
    }

    private PrintWriter out;
    private int passed;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean temporary = data == null;
        Path dir = temporary ? Files.createTempDirectory("missive-demo") : Files.createDirectories(data);
        out.println("Missive demo, stores in " + dir);
        try {
            openmsg(dir);
            smp(dir);
            out.println("demo: all " + passed + " steps succeeded");
            return 0;
        } catch (DemoFailure e) {
            err.println("demo FAILED at step '" + e.step + "': " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("demo FAILED: " + e);
            return 1;
        } finally {
            out.flush();
            err.flush();
            if (temporary) {
                deleteRecursively(dir);
            }
        }
    }

    /** Openmsg: two nodes over loopback HTTP, pass code, handshake, a message each way, both inboxes. */
    private void openmsg(Path dir) throws Exception {
        out.println();
        out.println("== Openmsg 1.0: two nodes on loopback HTTP, SQLite stores");
        Map<String, URI> bases = new ConcurrentHashMap<>();
        // The demo's stand-in for DNS: each domain maps to its node's loopback port once it listens.
        PeerLocator locator = bases::get;
        OkHttpPeerTransport transport = OkHttpPeerTransport.create();
        try (Database storeA = Database.open("sqlite:" + dir.resolve("openmsg-a.db"));
             Database storeB = Database.open("sqlite:" + dir.resolve("openmsg-b.db"))) {
            OpenmsgNode nodeA = openmsgNode("a.missive.test", new JdbcOpenmsgStore(storeA), transport, locator);
            OpenmsgNode nodeB = openmsgNode("b.missive.test", new JdbcOpenmsgStore(storeB), transport, locator);
            try (OpenmsgHttpServer serverA = OpenmsgHttpServer.builder(nodeA).start();
                 OpenmsgHttpServer serverB = OpenmsgHttpServer.builder(nodeB).start()) {
                bases.put(nodeA.domain(), URI.create("http://127.0.0.1:" + serverA.port() + "/openmsg/"));
                bases.put(nodeB.domain(), URI.create("http://127.0.0.1:" + serverB.port() + "/openmsg/"));
                step("openmsg", "start nodes", () -> "a.missive.test on 127.0.0.1:" + serverA.port()
                        + ", b.missive.test on 127.0.0.1:" + serverB.port());
                nodeA.addUser("1000000", "Alice");
                nodeB.addUser("2000000", "Bob");
                OpenmsgAddress alice = nodeA.address("1000000");
                OpenmsgAddress bob = nodeB.address("2000000");

                PassCode code = nodeB.issuePassCode("2000000");
                step("openmsg", "Bob issues a pass code", () -> "6 digits, valid until " + code.expiresAt());
                step("openmsg", "Alice's node runs the handshake with Bob's node", () -> {
                    ConnectResult result = nodeA.connect(alice, bob, code.code());
                    if (!(result instanceof ConnectResult.Connected connected)) {
                        throw new IllegalStateException(result.toString());
                    }
                    return alice + " connected to " + bob + " (" + connected.otherName() + ")";
                });
                step("openmsg", "Alice sends to Bob", () -> sent(nodeA.send(alice, bob, "Hello Bob!")));
                step("openmsg", "Bob replies to Alice", () -> sent(nodeB.send(bob, alice, "Hi Alice, got it.")));
                step("openmsg", "Bob's inbox", () -> onlyMessage(nodeB.inbox("2000000"), alice, "Hello Bob!"));
                step("openmsg", "Alice's inbox", () -> onlyMessage(nodeA.inbox("1000000"), bob, "Hi Alice, got it."));
            }
        }
    }

    private static OpenmsgNode openmsgNode(String domain, JdbcOpenmsgStore store, OkHttpPeerTransport transport,
                                           PeerLocator locator) {
        return OpenmsgNode.builder().domain(domain).store(store).transport(transport).locator(locator)
                .clock(Clock.system()).random(RandomSource.secure()).build();
    }

    private static String sent(SendResult result) {
        if (!(result instanceof SendResult.Sent sent)) {
            throw new IllegalStateException(result.toString());
        }
        return "accepted (SM_S888), hash " + sent.messageHash().substring(0, 12) + "…";
    }

    private static String onlyMessage(List<InboxMessage> inbox, OpenmsgAddress from, String text) {
        if (inbox.size() != 1 || !inbox.get(0).sender().equals(from) || !inbox.get(0).text().equals(text)) {
            throw new IllegalStateException("expected exactly '" + text + "' from " + from + ", found " + inbox);
        }
        return "1 message from " + from + ": \"" + text + "\"";
    }

    /** SMP: a server on the Appendix A encrypted transport and an Alice/Bob duplex connection. */
    private void smp(Path dir) throws Exception {
        out.println();
        out.println("== SimpleX SMP (seed dialect): server on loopback TCP, Appendix A encryption, SQLite store");
        try (Database store = Database.open("sqlite:" + dir.resolve("smp.db"))) {
            SmpServer engine = SmpServer.builder()
                    .queueStore(new JdbcQueueStore(store))
                    .messageStore(new JdbcMessageStore(store))
                    .clock(Clock.system())
                    .random(RandomSource.secure())
                    .build();
            RsaPrivateKey serverKey = RsaPrivateKey.generate(2048, new SecureRandom()).privateKey();
            try (SmpTcpServer server = SmpTcpServer.builder(engine).port(0).encrypted(serverKey).start();
                 SmpTcpClientPool alicePool = new SmpTcpClientPool();
                 SmpTcpClientPool bobPool = new SmpTcpClientPool()) {
                step("smp", "start server", () -> "listening on 127.0.0.1:" + server.address().getPort()
                        + ", key-hash " + Encodings.base64(server.keyHash()));
                ServerAddress address = new ServerAddress("127.0.0.1", server.address().getPort(), server.keyHash());
                BlockingQueue<String> aliceReceived = new LinkedBlockingQueue<>();
                BlockingQueue<String> bobReceived = new LinkedBlockingQueue<>();

                DuplexConnection.Initiation initiation = DuplexConnection.initiate(alicePool.apply(address), alicePool,
                        bytes -> aliceReceived.add(new String(bytes, StandardCharsets.UTF_8)))
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                String uri = initiation.invitation().toUri();
                step("smp", "Alice creates a queue and an invitation", () -> "out-of-band: " + uri);

                DuplexConnection bob = DuplexConnection.accept(bobPool.apply(address), Invitation.parse(uri), bobPool,
                        bytes -> bobReceived.add(new String(bytes, StandardCharsets.UTF_8)))
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                DuplexConnection alice = initiation.established().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                step("smp", "Bob accepts; both queues secured with KEY", () -> "duplex connection established");

                alice.send("Hello Bob, this is Alice.".getBytes(StandardCharsets.UTF_8)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                step("smp", "Bob receives Alice's message (HPKE-encrypted end to end)",
                        () -> expect(bobReceived, "Hello Bob, this is Alice."));
                bob.send("Hi Alice! Bob here.".getBytes(StandardCharsets.UTF_8)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                step("smp", "Alice receives Bob's reply", () -> expect(aliceReceived, "Hi Alice! Bob here."));
            }
        }
    }

    private static String expect(BlockingQueue<String> received, String text) throws InterruptedException {
        String got = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!text.equals(got)) {
            throw new IllegalStateException("expected \"" + text + "\", got " + (got == null ? "nothing" : "\"" + got + "\""));
        }
        return "\"" + got + "\"";
    }

    private void step(String protocol, String name, Step step) {
        String result;
        try {
            result = step.run();
        } catch (Exception e) {
            out.println("[" + protocol + "] FAILED " + name);
            out.flush();
            throw new DemoFailure(protocol + ": " + name, e);
        }
        passed++;
        out.println("[" + protocol + "] ok  " + name + ": " + result);
        out.flush();
    }

    private static final class DemoFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String step;

        DemoFailure(String step, Exception cause) {
            super(String.valueOf(cause.getMessage() == null ? cause : cause.getMessage()), cause);
            this.step = step;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
    }
}
