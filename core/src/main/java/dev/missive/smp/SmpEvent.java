package dev.missive.smp;

import dev.missive.event.ProtocolEvent;
import dev.missive.smp.model.SmpError;
import java.time.Instant;
import java.util.Objects;

/**
 * The steps an {@link SmpServer} reports to its {@link dev.missive.event.EventListener}. Events
 * carry no queue IDs, keys or message contents: a sender ID is a capability (whoever knows it may
 * send), so it stays out of logs; counts, sizes and error codes are all a host gets.
 */
public sealed interface SmpEvent extends ProtocolEvent {

    @Override
    default String protocol() {
        return "smp";
    }

    /**
     * {@code CONN}: a queue was created and its creator subscribed to it.
     *
     * @param at when the queue was created
     */
    record QueueCreated(Instant at) implements SmpEvent {
        /** Checks the components. */
        public QueueCreated {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * {@code KEY}: the recipient secured a queue with the sender's key.
     *
     * @param at when the key was stored
     */
    record KeySecured(Instant at) implements SmpEvent {
        /** Checks the components. */
        public KeySecured {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * {@code SUB}: a connection subscribed to a queue (or re-subscribed, which re-sends the
     * outstanding message).
     *
     * @param at when the subscription was made
     */
    record Subscribed(Instant at) implements SmpEvent {
        /** Checks the components. */
        public Subscribed {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A {@code SUB} from another connection took a queue over; the previous subscriber was sent
     * {@code END}.
     *
     * @param at when the subscription moved
     */
    record SubscriberReplaced(Instant at) implements SmpEvent {
        /** Checks the components. */
        public SubscriberReplaced {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * {@code SEND}: a message of {@code bytes} bytes was stored.
     *
     * @param at when the message was stored
     * @param bytes the message body's length in bytes
     */
    record MessageAccepted(Instant at, int bytes) implements SmpEvent {
        /** Checks the components. */
        public MessageAccepted {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A message went to a subscriber, as a push or as the reply to {@code SUB} or {@code ACK}.
     *
     * @param at when the message was written to the subscriber
     */
    record MessageDelivered(Instant at) implements SmpEvent {
        /** Checks the components. */
        public MessageDelivered {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * {@code ACK}: the outstanding message was acknowledged and deleted.
     *
     * @param at when the message was deleted
     */
    record Acknowledged(Instant at) implements SmpEvent {
        /** Checks the components. */
        public Acknowledged {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * {@code OFF}: the recipient suspended a queue; it accepts no more messages.
     *
     * @param at when the queue was suspended
     */
    record QueueSuspended(Instant at) implements SmpEvent {
        /** Checks the components. */
        public QueueSuspended {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * {@code DEL}: the recipient deleted a queue and its messages.
     *
     * @param at when the queue was deleted
     */
    record QueueDeleted(Instant at) implements SmpEvent {
        /** Checks the components. */
        public QueueDeleted {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A {@code SEND} found its queue full even after dropping expired messages (answered {@code ERR
     * SIZE}).
     *
     * @param at when the message was refused
     */
    record QueueFull(Instant at) implements SmpEvent {
        /** Checks the components. */
        public QueueFull {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A transmission was answered with {@code ERR}: {@code error} is the code sent.
     *
     * @param at when the error was answered
     * @param error the error code sent
     */
    record CommandRejected(Instant at, SmpError error) implements SmpEvent {
        /** Checks the components. */
        public CommandRejected {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * A store or signature scheme failed while executing a command, which was answered with
     * {@code ERR INTERNAL}; {@code exceptionType} is the failure's class name (never its message,
     * which may quote input).
     *
     * @param at when the failure happened
     * @param exceptionType the failure's class name
     */
    record InternalError(Instant at, String exceptionType) implements SmpEvent {
        /** Checks the components. */
        public InternalError {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(exceptionType, "exceptionType");
        }

        @Override
        public boolean isFailure() {
            return true;
        }
    }

    /**
     * A push ({@code MSG} or {@code END}) to another connection failed in its transport; {@code
     * exceptionType} as above.
     *
     * @param at when the push failed
     * @param exceptionType the failure's class name
     */
    record PushFailed(Instant at, String exceptionType) implements SmpEvent {
        /** Checks the components. */
        public PushFailed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(exceptionType, "exceptionType");
        }

        @Override
        public boolean isFailure() {
            return true;
        }
    }

    /**
     * {@code count} messages past their TTL were dropped while the server reached them (delivery or
     * a full queue).
     *
     * @param at when the messages were dropped
     * @param count how many messages were dropped
     */
    record MessagesExpired(Instant at, int count) implements SmpEvent {
        /** Checks the components. */
        public MessagesExpired {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * {@link SmpServer#cleanUp()} ran and removed {@code removed} expired messages.
     *
     * @param at when the clean-up ran
     * @param removed how many messages it deleted
     */
    record CleanedUp(Instant at, int removed) implements SmpEvent {
        /** Checks the components. */
        public CleanedUp {
            Objects.requireNonNull(at, "at");
        }
    }
}
