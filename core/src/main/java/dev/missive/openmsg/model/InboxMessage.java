package dev.missive.openmsg.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A message accepted by this node.
 *
 * @param recipient   the local user
 * @param sender      the remote user (from the stored connection, never from the request)
 * @param senderName  the sender's display name as stored with the connection
 * @param messageHash the message's hash, unique per node (the replay guard's key)
 * @param text        the decrypted text
 * @param sentAt      the sender's timestamp ({@code message_timestamp})
 * @param receivedAt  when this node accepted it
 */
public record InboxMessage(
        OpenmsgAddress recipient,
        OpenmsgAddress sender,
        String senderName,
        String messageHash,
        String text,
        Instant sentAt,
        Instant receivedAt) {

    /** Checks the components. */
    public InboxMessage {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderName, "senderName");
        Objects.requireNonNull(messageHash, "messageHash");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    @Override
    public String toString() {
        return "InboxMessage[recipient=" + recipient + ", sender=" + sender + ", hash=" + messageHash + ", chars="
                + text.length() + ", receivedAt=" + receivedAt + "]";
    }
}
