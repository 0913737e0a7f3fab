package dev.missive.smp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.smp.SignatureScheme;
import dev.missive.smp.SigningKey;
import dev.missive.smp.SmpServer;
import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.ServerAddress;
import dev.missive.smp.spi.QueueSignal;
import dev.missive.smp.spi.SmpCluster;
import dev.missive.spi.Clock;
import dev.missive.testing.SeededRandom;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@link SmpServer} instances on shared stores, told about each other's changes through an
 * {@link SmpCluster} that delivers each signal to the other instance's {@link SmpServer#onRemoteSignal}
 * ({@code docs/smp.md}, "Several instances on one database").
 */
class SmpClusterSignalsTest {

    private static final ServerAddress SERVER = ServerAddress.plain("smp.example", 5223);

    private final InMemoryQueueStore queues = new InMemoryQueueStore();
    private final InMemoryMessageStore messages = new InMemoryMessageStore();
    /** The shared record of which instance holds each queue's subscription. */
    private final Map<QueueId, Member> holders = new ConcurrentHashMap<>();

    private final InProcessNetwork network = new InProcessNetwork();
    private final Member a = new Member(1);
    private final Member b = new Member(2);

    /** One instance: its engine and its side of the cluster. */
    private final class Member implements SmpCluster {
        final SmpServer server;
        /** While false, signals to the other instance are lost. */
        volatile boolean connected = true;

        Member(long seed) {
            server = SmpServer.builder()
                    .queueStore(queues)
                    .messageStore(messages)
                    .cluster(this)
                    .clock(Clock.fixed(Instant.parse("2026-12-06T07:00:00Z")))
                    .random(new SeededRandom(seed))
                    .build();
        }

        @Override
        public void publish(QueueSignal signal) {
            if (connected) {
                other(this).server.onRemoteSignal(signal);
            }
        }

        @Override
        public void claimSubscription(QueueId recipientId) {
            holders.put(recipientId, this);
        }

        @Override
        public boolean holdsSubscription(QueueId recipientId) {
            return holders.getOrDefault(recipientId, this) == this;
        }
    }

    private Member other(Member member) {
        return member == a ? b : a;
    }

    @AfterEach
    void close() {
        network.close();
    }

    /** Records what arrives on a queue and acknowledges each message. */
    private static final class Inbox implements QueueHandler {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final AtomicInteger ends = new AtomicInteger();
        final SmpClient client;

        Inbox(SmpClient client) {
            this.client = client;
        }

        @Override
        public void onMessage(RecipientQueue queue, ReceivedMessage message) {
            texts.add(new String(message.envelope().orElseThrow().content(), StandardCharsets.UTF_8));
            client.acknowledge(queue);
        }

        @Override
        public void onEnd(RecipientQueue queue) {
            ends.incrementAndGet();
        }
    }

    private static <T> T done(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    /** A queue created on A, with its sender connected through A. */
    private record Queue(RecipientQueue recipient, SenderQueue sender, SmpClient senderClient) {}

    private Queue queueOnA() throws Exception {
        SmpClient creator = network.connect(a.server, SERVER);
        RecipientQueue queue = done(creator.createQueue((q, m) -> {}));
        SigningKey senderKey = SignatureScheme.standard().generateKey(new SeededRandom(7));
        done(creator.secure(queue, senderKey.publicKey()));
        creator.close();
        SenderQueue toQueue = new SenderQueue(
                SERVER, queue.senderId(), senderKey, queue.encryptionKey().publicKey());
        return new Queue(queue, toQueue, network.connect(a.server, SERVER));
    }

    private Inbox subscribe(Member member, RecipientQueue queue) throws Exception {
        Inbox inbox = new Inbox(network.connect(member.server, SERVER));
        inbox.client.register(queue, inbox);
        done(inbox.client.subscribe(queue));
        return inbox;
    }

    private static void send(Queue queue, String text) throws Exception {
        done(queue.senderClient().send(queue.sender(), text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aMessageSentThroughOneInstanceIsPushedToTheSubscriberOnTheOther() throws Exception {
        Queue queue = queueOnA();
        Inbox onB = subscribe(b, queue.recipient());

        send(queue, "one");
        send(queue, "two");

        await().until(() -> onB.texts.size() == 2);
        assertThat(onB.texts).containsExactly("one", "two");
    }

    @Test
    void aSubscriptionOnOneInstanceEndsTheSubscriberOnTheOther() throws Exception {
        Queue queue = queueOnA();
        Inbox onB = subscribe(b, queue.recipient());

        Inbox onA = subscribe(a, queue.recipient());

        await().until(() -> onB.ends.get() == 1);
        assertThat(b.server.subscriptionCount()).isZero();
        send(queue, "after");
        await().until(() -> onA.texts.contains("after"));
        assertThat(onB.texts).isEmpty();
    }

    @Test
    void aDeleteOnOneInstanceEndsTheSubscriptionOnTheOther() throws Exception {
        Queue queue = queueOnA();
        Inbox onB = subscribe(b, queue.recipient());
        assertThat(b.server.subscriptionCount()).isOne();
        SmpClient owner = network.connect(a.server, SERVER);
        owner.register(queue.recipient(), (q, m) -> {});

        done(owner.delete(queue.recipient()));

        assertThat(b.server.subscriptionCount()).isZero();
        assertThat(onB.ends).hasValue(0);
    }

    @Test
    void anInstanceThatMissedSignalsCatchesUpWhenToldSo() throws Exception {
        Queue queue = queueOnA();
        Inbox onB = subscribe(b, queue.recipient());
        Queue other = queueOnA();
        Inbox otherOnB = subscribe(b, other.recipient());
        a.connected = false;

        send(queue, "missed");
        subscribe(a, other.recipient());
        assertThat(onB.texts).isEmpty();
        assertThat(otherOnB.ends).hasValue(0);

        b.server.onSignalsLost();

        await().until(() -> onB.texts.contains("missed") && otherOnB.ends.get() == 1);
        assertThat(b.server.subscriptionCount()).isOne();
    }
}
