package dev.missive.smp.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message delivered on one of this client's queues.
 *
 * @param msgId     the server's message ID (the same ID again means a redelivery)
 * @param timestamp when the server received it
 * @param envelope  the decrypted body, empty if it did not decrypt (to be ignored and acknowledged)
 */
public record ReceivedMessage(byte[] msgId, Instant timestamp, Optional<Envelope> envelope) {

    /** Checks the components and keeps its own copies of the arrays. */
    public ReceivedMessage {
        msgId = msgId.clone();
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(envelope, "envelope");
    }

    /**
     * Returns a copy of the message id: the record keeps its own.
     *
     * @return a copy of the message ID
     */
    @Override
    public byte[] msgId() {
        return msgId.clone();
    }
}
