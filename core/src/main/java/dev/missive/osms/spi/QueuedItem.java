package dev.missive.osms.spi;

import dev.missive.osms.model.UserId;
import dev.missive.osms.model.Username;
import java.time.Instant;
import java.util.Objects;

/**
 * One OTR message from one user to another, held until the recipient polls and acknowledges it.
 * The server never sees inside: {@code message} is an OTR wire string.
 *
 * @param id             store-assigned, increasing in enqueue order
 * @param recipient      who it is for
 * @param sender         who sent it
 * @param senderUsername the sender's username when it was sent
 * @param message        the OTR message
 * @param receivedAt     when the server accepted it
 */
public record QueuedItem(
        long id, UserId recipient, UserId sender, Username senderUsername, String message, Instant receivedAt) {

    /** Validates. */
    public QueuedItem {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderUsername, "senderUsername");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (id < 1) {
            throw new IllegalArgumentException("ids start at 1");
        }
    }
}
