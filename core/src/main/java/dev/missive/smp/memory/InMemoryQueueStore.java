package dev.missive.smp.memory;

import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.QueueRecord;
import dev.missive.smp.spi.QueueStatus;
import dev.missive.smp.spi.QueueStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link QueueStore} in memory (tests, ephemeral servers). One map holds every RID and SID, both
 * pointing at the same small entry, so an idle queue costs a few hundred bytes of heap. Reads take
 * no lock; changes are serialised by one lock (they are rare next to reads).
 */
public final class InMemoryQueueStore implements QueueStore {

    /** Mutable holder shared by the RID and SID keys; fields change only under {@link #writeLock}. */
    private static final class Entry {
        final QueueId recipientId;
        final QueueId senderId;
        final byte[] recipientKey;
        volatile byte[] senderKey;
        volatile boolean suspended;

        Entry(QueueRecord queue) {
            this.recipientId = queue.recipientId();
            this.senderId = queue.senderId();
            this.recipientKey = queue.recipientKey();
            this.senderKey = queue.senderKey();
            this.suspended = queue.status() == QueueStatus.SUSPENDED;
        }

        QueueRecord toRecord() {
            return new QueueRecord(
                    recipientId,
                    senderId,
                    recipientKey,
                    senderKey,
                    suspended ? QueueStatus.SUSPENDED : QueueStatus.ACTIVE);
        }
    }

    private final ConcurrentHashMap<QueueId, Entry> byId = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();

    /** An empty store. */
    public InMemoryQueueStore() {}

    @Override
    public boolean create(QueueRecord queue) {
        writeLock.lock();
        try {
            if (byId.containsKey(queue.recipientId()) || byId.containsKey(queue.senderId())) {
                return false;
            }
            Entry entry = new Entry(queue);
            byId.put(entry.recipientId, entry);
            byId.put(entry.senderId, entry);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<QueueRecord> findByRecipientId(QueueId recipientId) {
        Entry entry = byId.get(recipientId);
        return entry != null && entry.recipientId.equals(recipientId)
                ? Optional.of(entry.toRecord())
                : Optional.empty();
    }

    @Override
    public Optional<QueueRecord> findBySenderId(QueueId senderId) {
        Entry entry = byId.get(senderId);
        return entry != null && entry.senderId.equals(senderId) ? Optional.of(entry.toRecord()) : Optional.empty();
    }

    private Entry recipientEntry(QueueId recipientId) {
        Entry entry = byId.get(recipientId);
        return entry != null && entry.recipientId.equals(recipientId) ? entry : null;
    }

    @Override
    public boolean secure(QueueId recipientId, byte[] senderKey) {
        byte[] key = senderKey.clone();
        writeLock.lock();
        try {
            Entry entry = recipientEntry(recipientId);
            if (entry == null || entry.senderKey != null) {
                return false;
            }
            entry.senderKey = key;
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean suspend(QueueId recipientId) {
        writeLock.lock();
        try {
            Entry entry = recipientEntry(recipientId);
            if (entry == null) {
                return false;
            }
            entry.suspended = true;
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean delete(QueueId recipientId) {
        writeLock.lock();
        try {
            Entry entry = recipientEntry(recipientId);
            if (entry == null) {
                return false;
            }
            byId.remove(entry.recipientId);
            byId.remove(entry.senderId);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Number of stored queues.
     *
     * @return the number of queues, suspended ones included
     */
    public int size() {
        return byId.size() / 2;
    }
}
