package dev.missive.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.missive.cli.jshell.Jshell;
import dev.missive.crash.NodeProcess;
import dev.missive.jdbc.testing.PostgresBackend;
import dev.missive.smp.SignatureScheme;
import dev.missive.smp.SigningKey;
import dev.missive.smp.client.QueueHandler;
import dev.missive.smp.client.ReceivedMessage;
import dev.missive.smp.client.RecipientQueue;
import dev.missive.smp.client.SenderQueue;
import dev.missive.smp.model.ServerAddress;
import dev.missive.smp.model.SmpError;
import dev.missive.smp.model.SmpException;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.smp.SmpTcpClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code missive smp-server} processes on one PostgreSQL schema serve the same queues
 * ({@code docs/storage.md}, "Several instances on one PostgreSQL"): a message sent through A reaches
 * the subscriber connected to B, a {@code SUB} on A sends {@code END} to the subscriber on B, and a
 * {@code DEL} on A is in effect on B.
 */
class SmpClusterProcessTest {

    @RegisterExtension
    static final PostgresBackend POSTGRES = new PostgresBackend();

    /** Messages whose delivery latency is measured (printed, never asserted: docs/BENCHMARKS.md). */
    private static final int LATENCY_SAMPLES = 200;

    private final RandomSource random = RandomSource.secure();
    private final List<SmpTcpClient> clients = new ArrayList<>();
    private NodeProcess a;
    private NodeProcess b;

    @BeforeEach
    void startTwoInstances(@TempDir Path logs) throws Exception {
        List<String> arguments =
                List.of("smp-server", "--port", "0", "--store", POSTGRES.url().jdbcUrl());
        a = NodeProcess.start(arguments, logs, "smp-a");
        b = NodeProcess.start(arguments, logs, "smp-b");
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(SmpTcpClient::close);
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
    }

    /** What a recipient connection receives on one queue; it acknowledges each message. */
    private static final class Inbox implements QueueHandler {
        final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        final List<String> texts = new CopyOnWriteArrayList<>();
        final AtomicInteger ends = new AtomicInteger();
        volatile SmpTcpClient connection;

        @Override
        public void onMessage(RecipientQueue queue, ReceivedMessage message) {
            long now = System.nanoTime();
            String text = new String(message.envelope().orElseThrow().content(), StandardCharsets.UTF_8);
            arrivals.add(new Arrival(text, now));
            texts.add(text);
            connection.client().acknowledge(queue);
        }

        @Override
        public void onEnd(RecipientQueue queue) {
            ends.incrementAndGet();
        }
    }

    private record Arrival(String text, long nanoTime) {}

    @Test
    void aMessageSentThroughOneInstanceReachesTheSubscriberOnTheOther() throws Exception {
        SecuredQueue queue = createSecuredQueue(a);
        Inbox onB = subscribe(queue, b);
        SmpTcpClient sender = connect(a);

        reply(sender.client().send(queue.sender(a), "hello from A".getBytes(StandardCharsets.UTF_8)));
        assertThat(next(onB).text()).isEqualTo("hello from A");

        long[] latencies = new long[LATENCY_SAMPLES];
        for (int i = 0; i < LATENCY_SAMPLES; i++) {
            String text = "m" + i;
            long sent = System.nanoTime();
            reply(sender.client().send(queue.sender(a), text.getBytes(StandardCharsets.UTF_8)));
            Arrival arrival = next(onB);
            assertThat(arrival.text()).isEqualTo(text);
            latencies[i] = arrival.nanoTime() - sent;
        }
        Arrays.sort(latencies);
        System.out.printf(
                "smp cluster: SEND on A -> MSG on B over %d messages: p50 %.2f ms, p99 %.2f ms%n",
                LATENCY_SAMPLES, latencies[LATENCY_SAMPLES / 2] / 1e6, latencies[LATENCY_SAMPLES * 99 / 100] / 1e6);
        assertThat(onB.texts).hasSize(LATENCY_SAMPLES + 1).doesNotHaveDuplicates();
    }

    @Test
    void aSubscriptionOnOneInstanceEndsTheSubscriberOnTheOther() throws Exception {
        SecuredQueue queue = createSecuredQueue(a);
        Inbox onB = subscribe(queue, b);

        Inbox onA = subscribe(queue, a);
        await().until(() -> onB.ends.get() == 1);

        // Only the new subscriber gets what is sent afterwards, whichever instance takes the SEND.
        SmpTcpClient sender = connect(b);
        reply(sender.client().send(queue.sender(b), "after takeover".getBytes(StandardCharsets.UTF_8)));
        await().until(() -> onA.texts.contains("after takeover"));
        assertThat(onB.texts).isEmpty();
        assertThat(onA.ends).hasValue(0);
    }

    @Test
    void aQueueDeletedOnOneInstanceIsGoneOnTheOther() throws Exception {
        SecuredQueue queue = createSecuredQueue(a);
        subscribe(queue, b);
        SmpTcpClient recipientOnA = connect(a);
        recipientOnA.client().register(queue.on(a), (q, m) -> {});

        reply(recipientOnA.client().delete(queue.on(a)));

        SmpTcpClient senderOnB = connect(b);
        assertRefusedWithAuth(senderOnB.client().send(queue.sender(b), "too late".getBytes(StandardCharsets.UTF_8)));
        SmpTcpClient recipientOnB = connect(b);
        recipientOnB.client().register(queue.on(b), (q, m) -> {});
        assertRefusedWithAuth(recipientOnB.client().subscribe(queue.on(b)));
    }

    @Test
    void theDocumentedJshellRecipeRunsAgainstTheTwoInstances() throws Exception {
        String out = Jshell.run(
                "smp-cluster.jsh",
                "-R-Dsmp.a=" + a.address().getPort(),
                "-R-Dsmp.b=" + b.address().getPort());
        assertThat(out)
                .contains("sent through A; B received: hello across instances")
                .contains("subscribed through A; B's subscriber got END")
                .contains("deleted through A; B answers")
                .contains("AUTH");
    }

    /** The next message the inbox receives (the one after it is only sent once this one is taken). */
    private static Arrival next(Inbox inbox) throws InterruptedException {
        Arrival arrival = inbox.arrivals.poll(30, TimeUnit.SECONDS);
        assertThat(arrival).as("a message within 30 s").isNotNull();
        return arrival;
    }

    private static void assertRefusedWithAuth(CompletableFuture<Void> reply) {
        assertThatThrownBy(() -> reply(reply))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        SmpException.class, e -> assertThat(e.error()).isEqualTo(SmpError.AUTH));
    }

    /** A queue created through {@code node} and secured with a sender key the test keeps. */
    private record SecuredQueue(RecipientQueue created, SigningKey senderKey) {

        /** The same queue as reached through {@code node}. */
        RecipientQueue on(NodeProcess node) {
            return new RecipientQueue(
                    address(node),
                    created.recipientId(),
                    created.senderId(),
                    created.recipientKey(),
                    created.encryptionKey());
        }

        SenderQueue sender(NodeProcess node) {
            return new SenderQueue(
                    address(node),
                    created.senderId(),
                    senderKey,
                    created.encryptionKey().publicKey());
        }
    }

    private SecuredQueue createSecuredQueue(NodeProcess node) throws Exception {
        try (SmpTcpClient setup = SmpTcpClient.connect(address(node))) {
            RecipientQueue queue = reply(setup.client().createQueue((q, m) -> {}));
            SigningKey senderKey = SignatureScheme.standard().generateKey(random);
            reply(setup.client().secure(queue, senderKey.publicKey()));
            return new SecuredQueue(queue, senderKey);
        }
    }

    private Inbox subscribe(SecuredQueue queue, NodeProcess node) throws Exception {
        Inbox inbox = new Inbox();
        inbox.connection = connect(node);
        RecipientQueue here = queue.on(node);
        inbox.connection.client().register(here, inbox);
        reply(inbox.connection.client().subscribe(here));
        return inbox;
    }

    private SmpTcpClient connect(NodeProcess node) throws Exception {
        SmpTcpClient client = SmpTcpClient.connect(address(node));
        clients.add(client);
        return client;
    }

    private static ServerAddress address(NodeProcess node) {
        InetSocketAddress socket = node.address();
        return ServerAddress.plain(socket.getAddress().getHostAddress(), socket.getPort());
    }

    private static <T> T reply(CompletableFuture<T> reply) throws Exception {
        return reply.get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
    }
}
