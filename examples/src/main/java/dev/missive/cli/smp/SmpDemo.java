package dev.missive.cli.smp;

import dev.missive.cli.DemoContext;
import dev.missive.cli.DemoScenario;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.smp.JdbcMessageStore;
import dev.missive.jdbc.smp.JdbcQueueStore;
import dev.missive.smp.SmpServer;
import dev.missive.smp.client.DuplexConnection;
import dev.missive.smp.client.Invitation;
import dev.missive.smp.model.ServerAddress;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.smp.SmpTcpClientPool;
import dev.missive.tcp.smp.SmpTcpServer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * SMP in {@code missive demo}: a server on the Appendix A encrypted transport and an Alice/Bob
 * duplex connection through it.
 */
public final class SmpDemo implements DemoScenario {

    private static final long TIMEOUT_SECONDS = 30;

    /** Creates the scenario. */
    public SmpDemo() {}

    @Override
    public String name() {
        return "smp";
    }

    @Override
    public String title() {
        return "SimpleX SMP (seed dialect): server on loopback TCP, Appendix A encryption, SQLite store";
    }

    @Override
    public void run(DemoContext demo) throws Exception {
        Database store = demo.closeAtEnd(Database.open("sqlite:" + demo.data().resolve("smp.db")));
        SmpServer engine = SmpServer.builder()
                .queueStore(new JdbcQueueStore(store))
                .messageStore(new JdbcMessageStore(store))
                .clock(Clock.system())
                .random(RandomSource.secure())
                .build();
        RsaPrivateKey serverKey =
                RsaPrivateKey.generate(2048, new SecureRandom()).privateKey();
        SmpTcpServer server = demo.closeAtEnd(
                SmpTcpServer.builder(engine).port(0).encrypted(serverKey).start());
        SmpTcpClientPool alicePool = demo.closeAtEnd(new SmpTcpClientPool());
        SmpTcpClientPool bobPool = demo.closeAtEnd(new SmpTcpClientPool());
        demo.step(
                "start server",
                () -> "listening on 127.0.0.1:" + server.address().getPort() + ", key-hash "
                        + Encodings.base64Url(server.keyHash()));
        ServerAddress address = new ServerAddress("127.0.0.1", server.address().getPort(), server.keyHash());
        BlockingQueue<String> aliceReceived = new LinkedBlockingQueue<>();
        BlockingQueue<String> bobReceived = new LinkedBlockingQueue<>();

        DuplexConnection.Initiation initiation = DuplexConnection.initiate(
                        alicePool.apply(address),
                        alicePool,
                        bytes -> aliceReceived.add(new String(bytes, StandardCharsets.UTF_8)))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String uri = initiation.invitation().toUri();
        demo.step("Alice creates a queue and an invitation", () -> "out-of-band: " + uri);

        DuplexConnection bob = DuplexConnection.accept(
                        bobPool.apply(address),
                        Invitation.parse(uri),
                        bobPool,
                        bytes -> bobReceived.add(new String(bytes, StandardCharsets.UTF_8)))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        DuplexConnection alice = initiation.established().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        demo.step("Bob accepts; both queues secured with KEY", () -> "duplex connection established");

        alice.send("Hello Bob, this is Alice.".getBytes(StandardCharsets.UTF_8)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        demo.step(
                "Bob receives Alice's message (HPKE-encrypted end to end)",
                () -> expect(bobReceived, "Hello Bob, this is Alice."));
        bob.send("Hi Alice! Bob here.".getBytes(StandardCharsets.UTF_8)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        demo.step("Alice receives Bob's reply", () -> expect(aliceReceived, "Hi Alice! Bob here."));
    }

    private static String expect(BlockingQueue<String> received, String text) throws InterruptedException {
        String got = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!text.equals(got)) {
            throw new IllegalStateException(
                    "expected \"" + text + "\", got " + (got == null ? "nothing" : "\"" + got + "\""));
        }
        return "\"" + got + "\"";
    }
}
