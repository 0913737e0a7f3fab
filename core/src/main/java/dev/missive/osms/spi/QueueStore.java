package dev.missive.osms.spi;

import dev.missive.osms.model.UserId;
import dev.missive.osms.model.Username;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Items waiting for their recipients. Each method is one transaction. */
public interface QueueStore {

    /**
     * Appends an item unless the recipient already has {@code quota} items waiting (checked in the
     * same transaction).
     *
     * @param recipient      who it is for
     * @param sender         who sent it
     * @param senderUsername the sender's username now
     * @param message        the OTR message
     * @param receivedAt     when the server accepted it
     * @param quota          the most items one recipient may have waiting
     * @return the stored item with its id, empty if the queue is full
     */
    Optional<QueuedItem> enqueue(
            UserId recipient, UserId sender, Username senderUsername, String message, Instant receivedAt, int quota);

    /**
     * The oldest waiting items of a recipient, oldest first.
     *
     * @param recipient the recipient
     * @param max       the most to return (at least 1)
     * @return the items
     */
    List<QueuedItem> list(UserId recipient, int max);

    /**
     * Deletes acknowledged items; ids of other recipients or unknown ids are ignored.
     *
     * @param recipient the recipient acknowledging
     * @param ids       the item ids
     * @return how many were deleted
     */
    int acknowledge(UserId recipient, Collection<Long> ids);

    /**
     * How many items a recipient has waiting.
     *
     * @param recipient the recipient
     * @return the count
     */
    int count(UserId recipient);
}
