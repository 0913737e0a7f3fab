package dev.missive.smp.spi;

import dev.missive.smp.model.QueueId;
import java.time.Instant;
import java.util.Optional;

/**
 * Messages of an SMP server: one FIFO per queue, keyed by the queue's recipient ID. Every method is
 * atomic; a message is durable when {@link #append} returns true (the server answers {@code OK} to
 * {@code SEND} only after that) and gone when {@link #deleteHead} returns. Implementations must be
 * thread-safe.
 */
public interface MessageStore {

    /**
     * Appends {@code message} at the tail unless the queue already holds {@code quota} messages.
     *
     * @return true if stored, false if the queue is full (nothing stored)
     */
    boolean append(QueueId recipientId, StoredMessage message, int quota);

    /** The oldest message of the queue, without removing it. */
    Optional<StoredMessage> peek(QueueId recipientId);

    /**
     * Removes the oldest message if its ID is {@code msgId}.
     *
     * @return true if removed
     */
    boolean deleteHead(QueueId recipientId, byte[] msgId);

    /** Number of messages in the queue. */
    int count(QueueId recipientId);

    /**
     * Removes the queue's messages received before {@code cutoff}.
     *
     * @return the number removed
     */
    int expireOlderThan(QueueId recipientId, Instant cutoff);

    /**
     * Removes every queue's messages received before {@code cutoff} (the periodic sweep a host runs).
     *
     * @return the number removed
     */
    int expireOlderThan(Instant cutoff);

    /**
     * Removes all messages of the queue.
     *
     * @return the number removed
     */
    int deleteQueue(QueueId recipientId);
}
