package dev.missive.emsg.spi;

import dev.missive.emsg.model.EmsgAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A message waiting to be relayed to a peer domain.
 *
 * @param entryId       unique id of the entry (the engine makes it)
 * @param destination   the peer domain, lower case
 * @param sender        the message's sender
 * @param messageId     the message's id
 * @param json          the message exactly as signed
 * @param notifyOnFailure        who gets a {@code delivery_failed} notice if it expires (a local user), or null
 * @param createdAt     when it was queued
 * @param expiresAt     when the engine gives up
 * @param attempts      how many attempts were made
 * @param nextAttemptAt when it is next due
 */
public record OutboxEntry(
        String entryId,
        String destination,
        EmsgAddress sender,
        String messageId,
        String json,
        EmsgAddress notifyOnFailure,
        Instant createdAt,
        Instant expiresAt,
        int attempts,
        Instant nextAttemptAt) {

    /** Checks the components. */
    public OutboxEntry {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    /**
     * A copy rescheduled after one more attempt.
     *
     * @param newAttempts the number of attempts made so far, this one included
     * @param next when the next attempt is due
     * @return a new entry; this one is unchanged
     */
    public OutboxEntry retried(int newAttempts, Instant next) {
        return new OutboxEntry(
                entryId,
                destination,
                sender,
                messageId,
                json,
                notifyOnFailure,
                createdAt,
                expiresAt,
                newAttempts,
                next);
    }
}
