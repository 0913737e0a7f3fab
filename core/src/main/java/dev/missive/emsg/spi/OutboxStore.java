package dev.missive.emsg.spi;

import dev.missive.spi.ReplayGuardStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

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
     * Accepts one message for peer domains: queues {@code entries} (skipping duplicates) and records
     * {@code seen} in {@code guard}, so that the message is forwarded exactly once. If {@code guard}
     * already holds a live {@code seen}, the message is a duplicate: the result is empty.
     *
     * <p>A store that shares its database with {@code guard} does both in one atomic write (one
     * commit). This default returns empty if the mark is already recorded, else queues and records the
     * mark after, so a crash in between leaves the entries without the mark: a retry of the message
     * queues nothing new and records the mark. Only concurrent calls for one mark can both queue; the
     * outbox's own uniqueness per (destination, sender, id) still keeps each entry once.
     *
     * @param entries the message's entries, one per destination (may be empty)
     * @param guard   the engine's replay guard
     * @param seen    the message's (sender, id) mark
     * @return how many entries were queued; empty if {@code seen} was already recorded
     */
    default OptionalInt enqueueAll(List<OutboxEntry> entries, ReplayGuardStore guard, SeenMark seen) {
        return seen.writeOnce(guard, entries, this::enqueue);
    }

    /**
     * Leases the entries due at {@code now}, earliest due first: each one's attempt count grows by one
     * and its next due time becomes {@code leaseUntil}, which keeps other drainers off it while this
     * attempt runs. A store that can, leases the whole batch in one atomic write, so two drainers never
     * lease the same entry; this default reschedules the entries of {@link #due} one by one.
     *
     * @param now        the engine's time
     * @param limit      at most this many (positive)
     * @param leaseUntil the end of the lease; after {@code now}
     * @return the leased entries, as stored after the lease
     */
    default List<OutboxEntry> lease(Instant now, int limit, Instant leaseUntil) {
        List<OutboxEntry> leased = new ArrayList<>();
        for (OutboxEntry entry : due(now, limit)) {
            int attempts = entry.attempts() + 1;
            if (reschedule(entry.entryId(), attempts, leaseUntil)) {
                leased.add(entry.retried(attempts, leaseUntil));
            }
        }
        return leased;
    }

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
     * Removes entries (delivered), in one atomic write where the store can; this default removes them
     * one by one.
     *
     * @param entryIds the entry ids
     * @return the ids that were there (and are now removed)
     */
    default Set<String> removeAll(Collection<String> entryIds) {
        Set<String> removed = new LinkedHashSet<>();
        for (String entryId : entryIds) {
            if (remove(entryId)) {
                removed.add(entryId);
            }
        }
        return removed;
    }

    /**
     * How many entries are queued.
     *
     * @return the count
     */
    int size();
}
