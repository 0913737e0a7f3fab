package dev.missive.emsg.spi;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.spi.ReplayGuardStore;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * Local users' inboxes. An inbox holds a message at most once per (sender, message id), which is
 * what makes delivery exactly-once across retries and restarts. Safe for concurrent use.
 */
public interface InboxStore {

    /**
     * Appends a message to an inbox unless the inbox already holds one with the same sender and id.
     *
     * @param entry the entry
     * @return true if appended; false if it was a duplicate (nothing changes)
     */
    boolean append(InboxEntry entry);

    /**
     * Accepts one message for local inboxes: appends {@code entries} (skipping those an inbox already
     * holds) and records {@code seen} in {@code guard}, so that the message is delivered exactly once.
     * If {@code guard} already holds a live {@code seen}, the message is a duplicate: the result is
     * empty.
     *
     * <p>A store that shares its database with {@code guard} does both in one atomic write (one
     * commit): either the mark and the entries are stored, or neither. This default returns empty if
     * the mark is already recorded, else appends and records the mark after, so a crash in between
     * leaves the entries without the mark: a retry of the message then appends nothing new and records
     * the mark (delivered once, never lost). Only concurrent calls for one mark can both append; the
     * inbox's own uniqueness per (owner, sender, id) still keeps each entry once.
     *
     * @param entries the message's entries, one per local recipient (may be empty)
     * @param guard   the engine's replay guard
     * @param seen    the message's (sender, id) mark
     * @return how many entries were appended; empty if {@code seen} was already recorded
     */
    default OptionalInt appendAll(List<InboxEntry> entries, ReplayGuardStore guard, SeenMark seen) {
        return seen.writeOnce(guard, entries, this::append);
    }

    /**
     * Lists an inbox, oldest first, without consuming it.
     *
     * @param owner         whose inbox
     * @param afterSequence only entries with a larger sequence (0 for the start)
     * @param limit         at most this many (positive)
     * @return the entries
     */
    List<StoredInboxEntry> list(EmsgAddress owner, long afterSequence, int limit);

    /**
     * Deletes every entry received at or before {@code cutoff}.
     *
     * @param cutoff the newest reception time to delete
     * @return how many entries were deleted
     */
    int deleteReceivedBefore(Instant cutoff);
}
