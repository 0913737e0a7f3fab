package dev.missive.osms.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A text another user sent, decrypted from an OTR conversation whose key matched the peer's pin.
 *
 * @param from       the sender's username (as the server named it when relaying)
 * @param text       the text
 * @param receivedAt when the server accepted the message
 */
public record ReceivedText(String from, String text, Instant receivedAt) {

    /** Validates. */
    public ReceivedText {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
