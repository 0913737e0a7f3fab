package dev.missive.smp.spi;

import dev.missive.smp.model.QueueId;
import java.util.Optional;

/**
 * Queue records of an SMP server. Every method is atomic and durable when it returns (a host that
 * wants crash safety uses a durable implementation). Implementations must be thread-safe.
 */
public interface QueueStore {

    /**
     * Stores a new queue unless its RID or SID is already used as a RID or SID of any stored queue.
     *
     * @return true if stored, false on an ID collision (nothing stored)
     */
    boolean create(QueueRecord queue);

    /** The queue whose recipient ID is {@code recipientId}. */
    Optional<QueueRecord> findByRecipientId(QueueId recipientId);

    /** The queue whose sender ID is {@code senderId}. */
    Optional<QueueRecord> findBySenderId(QueueId senderId);

    /**
     * Sets the sender key of an unsecured queue.
     *
     * @return true if set; false if the queue does not exist or already has a sender key
     */
    boolean secure(QueueId recipientId, byte[] senderKey);

    /**
     * Suspends the queue (idempotent).
     *
     * @return true if the queue exists (suspended now or before)
     */
    boolean suspend(QueueId recipientId);

    /**
     * Removes the queue record.
     *
     * @return true if it existed
     */
    boolean delete(QueueId recipientId);
}
