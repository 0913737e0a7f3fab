package dev.missive.smp.spi;

import dev.missive.smp.model.QueueId;
import java.util.Objects;

/**
 * A committed change to a queue, told by the SMP server instance that made it to the other
 * instances sharing its stores (see {@link SmpCluster}). It carries no secret, only the queue's
 * recipient ID, which never leaves the shared database.
 *
 * @param kind        what changed
 * @param recipientId the queue
 */
public record QueueSignal(Kind kind, QueueId recipientId) {

    /** What changed. */
    public enum Kind {
        /** A message was stored in the queue: its subscriber on another instance may be idle. */
        MESSAGE_STORED,
        /** An instance took the queue's subscription: a subscriber on another instance gets {@code END}. */
        SUBSCRIBED,
        /** The queue was deleted: its subscriptions end everywhere. */
        DELETED
    }

    /** Checks the components. */
    public QueueSignal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipientId, "recipientId");
    }
}
