package dev.missive.smp.spi;

import dev.missive.smp.model.QueueId;
import java.time.Instant;
import java.util.Optional;

/**
 * Messages of an SMP server: one FIFO per queue, keyed by the queue's recipient ID. Every method is
 * atomic; a message is durable when {@link #append} returns a stored outcome (the server answers {@code OK} to
 * {@code SEND} only after that) and gone when {@link #deleteHead} returns. Implementations must be
 * thread-safe.
 */
public interface MessageStore {

    /**
     * Appends {@code message} at the tail unless the queue already holds {@code quota} messages, and
     * says whether the queue was empty before: the server then delivers the message it just stored
     * without reading the queue again.
     *
     * @param recipientId the queue's recipient ID
     * @param message the message to store
     * @param quota the most messages the queue may hold
     * @return {@link Appended#AS_HEAD} if the queue held no message before, {@link
     *     Appended#BEHIND_OTHERS} if it did, {@link Appended#REFUSED_FULL} if it is full (nothing
     *     stored)
     */
    Appended append(QueueId recipientId, StoredMessage message, int quota);

    /**
     * The oldest message of the queue, without removing it.
     *
     * @param recipientId the queue's recipient ID
     * @return the oldest message, or empty if the queue has none
     */
    Optional<StoredMessage> peek(QueueId recipientId);

    /**
     * Removes the oldest message if its ID is {@code msgId}.
     *
     * @param recipientId the queue's recipient ID
     * @param msgId the ID of the message being acknowledged
     * @return true if removed
     */
    boolean deleteHead(QueueId recipientId, byte[] msgId);

    /**
     * {@link #deleteHead} followed by {@link #peek}, as one call: what the server does for an
     * {@code ACK}, which is answered with the next message. The removal is durable when this
     * returns, as with {@code deleteHead}. A database store does both in one write (one round of its
     * group commit instead of a write and a separate read); the default calls the two methods.
     *
     * @param recipientId the queue's recipient ID
     * @param msgId the ID of the message being acknowledged
     * @return the oldest message left in the queue, or empty if it has none
     */
    default Optional<StoredMessage> deleteHeadAndPeek(QueueId recipientId, byte[] msgId) {
        deleteHead(recipientId, msgId);
        return peek(recipientId);
    }

    /**
     * Number of messages in the queue.
     *
     * @param recipientId the queue's recipient ID
     * @return the number of stored messages
     */
    int count(QueueId recipientId);

    /**
     * Removes the queue's messages received before {@code cutoff}.
     *
     * @param recipientId the queue's recipient ID
     * @param cutoff messages received before this instant are removed
     * @return the number removed
     */
    int expireOlderThan(QueueId recipientId, Instant cutoff);

    /**
     * Removes every queue's messages received before {@code cutoff} (the periodic sweep a host runs).
     *
     * @param cutoff messages received before this instant are removed
     * @return the number removed
     */
    int expireOlderThan(Instant cutoff);

    /**
     * Removes all messages of the queue.
     *
     * @param recipientId the queue's recipient ID
     * @return the number removed
     */
    int deleteQueue(QueueId recipientId);
}
