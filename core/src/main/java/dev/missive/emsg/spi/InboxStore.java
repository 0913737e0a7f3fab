package dev.missive.emsg.spi;

import dev.missive.emsg.model.EmsgAddress;
import java.time.Instant;
import java.util.List;

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
