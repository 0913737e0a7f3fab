package dev.missive.emsg.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The persistent federation outbox. Holds an entry at most once per (destination, sender, message id).
 * Safe for concurrent use.
 */
public interface OutboxStore {

    /**
     * Queues an entry unless one with the same destination, sender and message id is queued.
     *
     * @param entry the entry
     * @return true if queued; false if a duplicate (nothing changes)
     */
    boolean enqueue(OutboxEntry entry);

    /**
     * Entries due at {@code now} ({@code nextAttemptAt <= now}), earliest due first.
     *
     * @param now   the engine's time
     * @param limit at most this many (positive)
     * @return the entries
     */
    List<OutboxEntry> due(Instant now, int limit);

    /**
     * Finds an entry.
     *
     * @param entryId the entry id
     * @return the entry, or empty
     */
    Optional<OutboxEntry> find(String entryId);

    /**
     * Records an attempt: sets the attempt count and the next due time.
     *
     * @param entryId       the entry id
     * @param attempts      the new attempt count
     * @param nextAttemptAt when it is next due
     * @return true if the entry exists
     */
    boolean reschedule(String entryId, int attempts, Instant nextAttemptAt);

    /**
     * Removes an entry (delivered or given up).
     *
     * @param entryId the entry id
     * @return true if it was there
     */
    boolean remove(String entryId);

    /**
     * How many entries are queued.
     *
     * @return the count
     */
    int size();
}
