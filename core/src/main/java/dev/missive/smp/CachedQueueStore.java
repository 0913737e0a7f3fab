package dev.missive.smp;

import dev.missive.internal.Locks;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.QueueRecord;
import dev.missive.smp.spi.QueueStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The queue records a server alone on its stores has read, kept in memory in front of its
 * {@link QueueStore}: every {@code SEND} and recipient command looks its queue up, and on a
 * database each lookup is a round trip. Correct only while this process is the one writer of the
 * records ({@link dev.missive.smp.spi.SmpCluster#SINGLE}); with other instances a record could
 * change under the cache, so the server does not use it then.
 *
 * <p>Changes go to the store first and drop the record from the cache before and after. A lookup
 * caches what it read only if no change started or ended while it read, so the cache never keeps
 * a record older than the store's. Bounded: when it holds {@link #MAX_RECORDS} records, it starts
 * over empty.
 */
final class CachedQueueStore implements QueueStore {

    static final int MAX_RECORDS = 100_000;

    private final QueueStore store;
    private final ConcurrentHashMap<QueueId, QueueRecord> byRecipientId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<QueueId, QueueRecord> bySenderId = new ConcurrentHashMap<>();
    /** Guards the two maps' updates and {@link #changes} together. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Counts the starts and ends of changes; a lookup that saw it move caches nothing. */
    private long changes;

    CachedQueueStore(QueueStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public boolean create(QueueRecord queue) {
        // A new queue is cached by its first lookup; an ID collision changes no stored record.
        return store.create(queue);
    }

    @Override
    public Optional<QueueRecord> findByRecipientId(QueueId recipientId) {
        return lookUp(byRecipientId, recipientId, store::findByRecipientId);
    }

    @Override
    public Optional<QueueRecord> findBySenderId(QueueId senderId) {
        return lookUp(bySenderId, senderId, store::findBySenderId);
    }

    @Override
    public boolean secure(QueueId recipientId, byte[] senderKey) {
        return change(recipientId, () -> store.secure(recipientId, senderKey));
    }

    @Override
    public boolean suspend(QueueId recipientId) {
        return change(recipientId, () -> store.suspend(recipientId));
    }

    @Override
    public boolean delete(QueueId recipientId) {
        return change(recipientId, () -> store.delete(recipientId));
    }

    /** The record under {@code id} in {@code cache}, or else as {@code read} finds it (then kept). */
    private Optional<QueueRecord> lookUp(
            Map<QueueId, QueueRecord> cache, QueueId id, Function<QueueId, Optional<QueueRecord>> read) {
        QueueRecord cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        long before = changes();
        Optional<QueueRecord> found = read.apply(id);
        found.ifPresent(record -> remember(record, before));
        return found;
    }

    /** Runs a change of the queue's record in the store, with the record dropped before and after. */
    private boolean change(QueueId recipientId, BooleanSupplier write) {
        forget(recipientId);
        try {
            return write.getAsBoolean();
        } finally {
            forget(recipientId);
        }
    }

    private long changes() {
        return Locks.withLock(lock, () -> changes);
    }

    private void remember(QueueRecord record, long changesBefore) {
        Locks.withLock(lock, () -> {
            if (changes != changesBefore) {
                return;
            }
            if (byRecipientId.size() >= MAX_RECORDS) {
                byRecipientId.clear();
                bySenderId.clear();
            }
            byRecipientId.put(record.recipientId(), record);
            bySenderId.put(record.senderId(), record);
        });
    }

    /** Drops the queue's record under both IDs (every cached record is under both). */
    private void forget(QueueId recipientId) {
        Locks.withLock(lock, () -> {
            changes++;
            QueueRecord cached = byRecipientId.remove(recipientId);
            if (cached != null) {
                bySenderId.remove(cached.senderId());
            }
        });
    }
}
