package dev.missive.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.Appended;
import dev.missive.smp.spi.ForwardingMessageStore;
import dev.missive.smp.spi.ForwardingQueueStore;
import dev.missive.smp.spi.QueueRecord;
import dev.missive.smp.spi.QueueSignal;
import dev.missive.smp.spi.SmpCluster;
import dev.missive.smp.spi.StoredMessage;
import dev.missive.smp.wire.Command;
import dev.missive.testing.SeededRandom;
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
    private static final class SpyingMessageStore extends ForwardingMessageStore {
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
    }

    /** Counts lookups by sender ID. */
    private static final class CountingQueueStore extends ForwardingQueueStore {
        final AtomicInteger senderLookups = new AtomicInteger();

        @Override
        public Optional<QueueRecord> findBySenderId(QueueId senderId) {
            senderLookups.incrementAndGet();
            return delegate.findBySenderId(senderId);
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
    private ServerHarness.SharedQueue queue;

    private void start(SmpCluster cluster) {
        queue = new ServerHarness(
                        SignatureScheme.standard(),
                        b -> b.queueStore(queues).messageStore(messages).cluster(cluster))
                .openQueue(recipientKey);
    }

    @Test
    void aMessageStoredIntoAnEmptyQueueIsDeliveredWithoutReadingItBack() {
        start(SmpCluster.SINGLE);
        queue.bobSends("one");
        assertThat(ServerHarness.lines(queue.alice().sink().next())).containsExactly("MSG one");
        assertThat(messages.peeks).hasValue(0);
    }

    @Test
    void aMessageDeliveredAndAcknowledgedBeforeThePushIsNotDeliveredAgain() {
        start(SmpCluster.SINGLE);
        // Between Bob's append and his push, Alice subscribes again (getting "one") and acknowledges.
        messages.afterNextAppend = () -> {
            queue.alice().send(recipientKey, queue.rid(), new Command.Subscribe());
            queue.alice().send(recipientKey, queue.rid(), new Command.Acknowledge());
        };
        queue.bobSends("one");
        assertThat(ServerHarness.lines(queue.alice().sink().next())).containsExactly("MSG one", "OK");
        assertThat(messages.count(queue.rid())).isZero();
    }

    @Test
    void withOtherInstancesTheHeadIsReadAndRecordsAreLookedUpEveryTime() {
        start(QUIET_OTHERS);
        queue.bobSends("one");
        queue.bobSends("two");
        assertThat(ServerHarness.lines(queue.alice().sink().next())).containsExactly("MSG one");
        assertThat(messages.peeks).as("another instance may have delivered it").hasValue(1);
        assertThat(queues.senderLookups).hasValue(2);
    }

    @Test
    void aloneTheServerLooksUpEachQueueRecordOnce() {
        start(SmpCluster.SINGLE);
        queue.bobSends("one");
        queue.bobSends("two");
        queue.alice().send(recipientKey, queue.rid(), new Command.Suspend());
        queue.bob().send(null, queue.sid(), Command.Send.text("three"));
        assertThat(ServerHarness.lines(queue.bob().sink().next()))
                .as("the suspension is seen at once")
                .containsExactly("ERR AUTH");
        assertThat(queues.senderLookups).hasValue(2);
    }
}
