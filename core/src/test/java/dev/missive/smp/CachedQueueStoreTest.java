package dev.missive.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.ForwardingQueueStore;
import dev.missive.smp.spi.QueueRecord;
import dev.missive.smp.spi.QueueStatus;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The queue records a server alone on its stores keeps: read once, never older than the store's. */
class CachedQueueStoreTest {

    private static final QueueId RID = QueueId.of(new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
    private static final QueueId SID = QueueId.of(new byte[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2});
    private static final byte[] RECIPIENT_KEY = {7, 7, 7};
    private static final byte[] SENDER_KEY = {8, 8, 8};

    /** A store that counts lookups and can run a change in the middle of one. */
    private static final class CountingStore extends ForwardingQueueStore {
        final AtomicInteger lookups = new AtomicInteger();
        Runnable duringNextLookup;

        @Override
        public Optional<QueueRecord> findByRecipientId(QueueId recipientId) {
            lookups.incrementAndGet();
            return interleave(delegate.findByRecipientId(recipientId));
        }

        @Override
        public Optional<QueueRecord> findBySenderId(QueueId senderId) {
            lookups.incrementAndGet();
            return interleave(delegate.findBySenderId(senderId));
        }

        /** Runs the planted change after the read, before the caller can cache what it read. */
        private Optional<QueueRecord> interleave(Optional<QueueRecord> read) {
            Runnable change = duringNextLookup;
            duringNextLookup = null;
            if (change != null) {
                change.run();
            }
            return read;
        }
    }

    private final CountingStore store = new CountingStore();
    private final CachedQueueStore cache = new CachedQueueStore(store);

    private void createQueue() {
        assertThat(cache.create(QueueRecord.create(RID, SID, RECIPIENT_KEY))).isTrue();
    }

    @Test
    void aRecordIsReadFromTheStoreOnceUnderEitherId() {
        createQueue();
        assertThat(cache.findBySenderId(SID)).isPresent();
        assertThat(cache.findBySenderId(SID)).isPresent();
        assertThat(cache.findByRecipientId(RID)).isPresent();
        assertThat(store.lookups).hasValue(1);
    }

    @Test
    void unknownQueuesAreNotCached() {
        assertThat(cache.findBySenderId(SID)).isEmpty();
        createQueue();
        assertThat(cache.findBySenderId(SID)).isPresent();
        assertThat(store.lookups).hasValue(2);
    }

    @Test
    void everyChangeIsSeenByTheNextLookupUnderBothIds() {
        createQueue();
        cache.findBySenderId(SID);
        assertThat(cache.secure(RID, SENDER_KEY)).isTrue();
        assertThat(cache.findBySenderId(SID).orElseThrow().senderKey()).isEqualTo(SENDER_KEY);
        assertThat(cache.suspend(RID)).isTrue();
        assertThat(cache.findByRecipientId(RID).orElseThrow().status()).isEqualTo(QueueStatus.SUSPENDED);
        assertThat(cache.findBySenderId(SID).orElseThrow().status()).isEqualTo(QueueStatus.SUSPENDED);
        assertThat(cache.delete(RID)).isTrue();
        assertThat(cache.findBySenderId(SID)).isEmpty();
        assertThat(cache.findByRecipientId(RID)).isEmpty();
    }

    @Test
    void aRecordReadWhileAChangeRanIsNotKept() {
        createQueue();
        store.duringNextLookup = () -> cache.suspend(RID);
        assertThat(cache.findBySenderId(SID).orElseThrow().status())
                .as("the lookup returns what it read, from before the change")
                .isEqualTo(QueueStatus.ACTIVE);
        assertThat(cache.findBySenderId(SID).orElseThrow().status())
                .as("but did not keep it")
                .isEqualTo(QueueStatus.SUSPENDED);
    }

    @Test
    void aFailedChangeLeavesTheStoreAuthoritative() {
        createQueue();
        cache.secure(RID, SENDER_KEY);
        cache.findByRecipientId(RID);
        assertThat(cache.secure(RID, new byte[] {9})).as("already secured").isFalse();
        assertThat(cache.findByRecipientId(RID).orElseThrow().senderKey()).isEqualTo(SENDER_KEY);
    }
}
