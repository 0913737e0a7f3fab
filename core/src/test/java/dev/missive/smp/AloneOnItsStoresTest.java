package dev.missive.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.Appended;
import dev.missive.smp.spi.MessageStore;
import dev.missive.smp.spi.QueueRecord;
import dev.missive.smp.spi.QueueSignal;
import dev.missive.smp.spi.QueueStore;
import dev.missive.smp.spi.SmpCluster;
import dev.missive.smp.spi.StoredMessage;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.smp.wire.ServerTransmission;
import dev.missive.testing.SeededRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a server alone on its stores saves on every message, and that it saves nothing it must not:
 * queue records read once, and a message stored into an empty queue delivered without reading it
 * back, unless anything ran under the queue's lock in between.
 */
class AloneOnItsStoresTest {

    private final SigningKey recipientKey = SignatureScheme.standard().generateKey(new SeededRandom(1));

    /** Counts reads of the head; runs a planted action right after the next append. */
    private static final class SpyingMessageStore implements MessageStore {
        final InMemoryMessageStore delegate = new InMemoryMessageStore();
        final AtomicInteger peeks = new AtomicInteger();
        Runnable afterNextAppend;

        @Override
        public Appended append(QueueId recipientId, StoredMessage message, int quota) {
            Appended appended = delegate.append(recipientId, message, quota);
            Runnable action = afterNextAppend;
            afterNextAppend = null;
            if (action != null) {
                action.run();
            }
            return appended;
        }

        @Override
        public Optional<StoredMessage> peek(QueueId recipientId) {
            peeks.incrementAndGet();
            return delegate.peek(recipientId);
        }

        @Override
        public boolean deleteHead(QueueId recipientId, byte[] msgId) {
            return delegate.deleteHead(recipientId, msgId);
        }

        @Override
        public Optional<StoredMessage> deleteHeadAndPeek(QueueId recipientId, byte[] msgId) {
            return delegate.deleteHeadAndPeek(recipientId, msgId);
        }

        @Override
        public int count(QueueId recipientId) {
            return delegate.count(recipientId);
        }

        @Override
        public int expireOlderThan(QueueId recipientId, Instant cutoff) {
            return delegate.expireOlderThan(recipientId, cutoff);
        }

        @Override
        public int expireOlderThan(Instant cutoff) {
            return delegate.expireOlderThan(cutoff);
        }

        @Override
        public int deleteQueue(QueueId recipientId) {
            return delegate.deleteQueue(recipientId);
        }
    }

    /** A queue store that is not the in-memory one, counting lookups by sender ID. */
    private static final class CountingQueueStore implements QueueStore {
        final InMemoryQueueStore delegate = new InMemoryQueueStore();
        final AtomicInteger senderLookups = new AtomicInteger();

        @Override
        public boolean create(QueueRecord queue) {
            return delegate.create(queue);
        }

        @Override
        public Optional<QueueRecord> findByRecipientId(QueueId recipientId) {
            return delegate.findByRecipientId(recipientId);
        }

        @Override
        public Optional<QueueRecord> findBySenderId(QueueId senderId) {
            senderLookups.incrementAndGet();
            return delegate.findBySenderId(senderId);
        }

        @Override
        public boolean secure(QueueId recipientId, byte[] senderKey) {
            return delegate.secure(recipientId, senderKey);
        }

        @Override
        public boolean suspend(QueueId recipientId) {
            return delegate.suspend(recipientId);
        }

        @Override
        public boolean delete(QueueId recipientId) {
            return delegate.delete(recipientId);
        }
    }

    /** Another instance that never says anything: the server must read the stores every time. */
    private static final SmpCluster QUIET_OTHERS = new SmpCluster() {
        @Override
        public void publish(QueueSignal signal) {}

        @Override
        public void claimSubscription(QueueId recipientId) {}

        @Override
        public boolean holdsSubscription(QueueId recipientId) {
            return true;
        }
    };

    private final SpyingMessageStore messages = new SpyingMessageStore();
    private final CountingQueueStore queues = new CountingQueueStore();
    private ServerHarness.Connection alice;
    private ServerHarness.Connection bob;
    private QueueId rid;
    private QueueId sid;

    private void start(SmpCluster cluster) {
        ServerHarness harness = new ServerHarness(
                SignatureScheme.standard(),
                b -> b.queueStore(queues).messageStore(messages).cluster(cluster));
        alice = harness.connect();
        bob = harness.connect();
        alice.send(null, null, new Command.Create(recipientKey.publicKey()));
        var ids = (ServerMessage.Ids) alice.sink().next().getFirst().message();
        rid = ids.recipientId();
        sid = ids.senderId();
    }

    private static List<String> lines(List<ServerTransmission> ts) {
        return ts.stream()
                .map(t -> t.message() instanceof ServerMessage.Msg m
                        ? "MSG " + new String(m.body(), java.nio.charset.StandardCharsets.UTF_8)
                        : t.message().line())
                .toList();
    }

    private void bobSends(String text) {
        bob.send(null, sid, Command.Send.text(text));
        assertThat(lines(bob.sink().next())).containsExactly("OK");
    }

    @Test
    void aMessageStoredIntoAnEmptyQueueIsDeliveredWithoutReadingItBack() {
        start(SmpCluster.SINGLE);
        bobSends("one");
        assertThat(lines(alice.sink().next())).containsExactly("MSG one");
        assertThat(messages.peeks).hasValue(0);
    }

    @Test
    void aMessageDeliveredAndAcknowledgedBeforeThePushIsNotDeliveredAgain() {
        start(SmpCluster.SINGLE);
        // Between bob's append and his push, alice subscribes again (getting "one") and acknowledges.
        messages.afterNextAppend = () -> {
            alice.send(recipientKey, rid, new Command.Subscribe());
            alice.send(recipientKey, rid, new Command.Acknowledge());
        };
        bobSends("one");
        assertThat(lines(alice.sink().next())).containsExactly("MSG one", "OK");
        assertThat(messages.count(rid)).isZero();
    }

    @Test
    void withOtherInstancesTheHeadIsReadAndRecordsAreLookedUpEveryTime() {
        start(QUIET_OTHERS);
        bobSends("one");
        bobSends("two");
        assertThat(lines(alice.sink().next())).containsExactly("MSG one");
        assertThat(messages.peeks).as("another instance may have delivered it").hasValue(1);
        assertThat(queues.senderLookups).hasValue(2);
    }

    @Test
    void aloneTheServerLooksUpEachQueueRecordOnce() {
        start(SmpCluster.SINGLE);
        bobSends("one");
        bobSends("two");
        alice.send(recipientKey, rid, new Command.Suspend());
        bob.send(null, sid, Command.Send.text("three"));
        assertThat(lines(bob.sink().next()))
                .as("the suspension is seen at once")
                .containsExactly("ERR AUTH");
        assertThat(queues.senderLookups).hasValue(2);
    }
}
