package dev.missive.smp.spi;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A message waiting in a queue. The body is opaque (end-to-end encrypted by the client).
 *
 * @param msgId      random ID, unique within the queue
 * @param receivedAt when the server accepted it, millisecond precision
 * @param body       the body as sent
 */
public record StoredMessage(byte[] msgId, Instant receivedAt, byte[] body) {

    /** Checks the components and keeps its own copies of the arrays. */
    public StoredMessage {
        msgId = msgId.clone();
        Objects.requireNonNull(receivedAt, "receivedAt");
        body = body.clone();
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

    /**
     * Returns a copy of the body: the record keeps its own.
     *
     * @return a copy of the body
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * Whether this message's ID is {@code id}.
     *
     * @param id the ID to compare with
     * @return {@code true} if the IDs have the same bytes
     */
    public boolean hasId(byte[] id) {
        return Arrays.equals(msgId, id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredMessage m
                && Arrays.equals(msgId, m.msgId)
                && receivedAt.equals(m.receivedAt)
                && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(msgId), receivedAt, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "StoredMessage[" + Base64.getEncoder().encodeToString(msgId) + ", " + receivedAt + ", " + body.length
                + " bytes]";
    }
}
