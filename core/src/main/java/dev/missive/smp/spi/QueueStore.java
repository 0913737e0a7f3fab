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
     * @param queue the new queue
     * @return true if stored, false on an ID collision (nothing stored)
     */
    boolean create(QueueRecord queue);

    /**
     * The queue whose recipient ID is {@code recipientId}.
     *
     * @param recipientId the RID
     * @return the queue, or empty if no queue has this RID
     */
    Optional<QueueRecord> findByRecipientId(QueueId recipientId);

    /**
     * The queue whose sender ID is {@code senderId}.
     *
     * @param senderId the SID
     * @return the queue, or empty if no queue has this SID
     */
    Optional<QueueRecord> findBySenderId(QueueId senderId);

    /**
     * Sets the sender key of an unsecured queue.
     *
     * @param recipientId the queue's RID
     * @param senderKey the encoded public key {@code SK}
     * @return true if set; false if the queue does not exist or already has a sender key
     */
    boolean secure(QueueId recipientId, byte[] senderKey);

    /**
     * Suspends the queue (idempotent).
     *
     * @param recipientId the queue's RID
     * @return true if the queue exists (suspended now or before)
     */
    boolean suspend(QueueId recipientId);

    /**
     * Removes the queue record.
     *
     * @param recipientId the queue's RID
     * @return true if it existed
     */
    boolean delete(QueueId recipientId);
}
