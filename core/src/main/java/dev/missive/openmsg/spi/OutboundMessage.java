package dev.missive.openmsg.spi;

import dev.missive.openmsg.model.OpenmsgAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A message this node sent (the reference's outbox and sent tables in one): recorded before the post
 * so {@code message-confirm} can find it.
 *
 * @param sender          local user
 * @param recipient       remote user
 * @param messageHash     64 hex, unique per store
 * @param messageNonce    base64url (no padding) of the 24-byte nonce
 * @param text            the plaintext
 * @param createdAt       when it was sent
 * @param confirmableUntil last instant at which message-confirm succeeds
 * @param status          life-cycle state
 */
public record OutboundMessage(
        OpenmsgAddress sender,
        OpenmsgAddress recipient,
        String messageHash,
        String messageNonce,
        String text,
        Instant createdAt,
        Instant confirmableUntil,
        OutboundStatus status) {

    /** Checks the components. */
    public OutboundMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(messageHash, "messageHash");
        Objects.requireNonNull(messageNonce, "messageNonce");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(confirmableUntil, "confirmableUntil");
        Objects.requireNonNull(status, "status");
    }

    /**
     * This record with {@code status} replaced.
     *
     * @param status the new status
     * @return a copy with the new status
     */
    public OutboundMessage withStatus(OutboundStatus status) {
        return new OutboundMessage(
                sender, recipient, messageHash, messageNonce, text, createdAt, confirmableUntil, status);
    }

    @Override
    public String toString() {
        return "OutboundMessage[sender=" + sender + ", recipient=" + recipient + ", hash=" + messageHash + ", status="
                + status + ", createdAt=" + createdAt + "]";
    }
}
