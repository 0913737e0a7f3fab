package dev.missive.emsg;

import dev.missive.event.ProtocolEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * The steps an {@link EmsgServer} reports to its {@link dev.missive.event.EventListener}. Events carry
 * addresses, domains, group ids, counts and codes; never message contents, keys or challenges.
 */
public sealed interface EmsgEvent extends ProtocolEvent {

    @Override
    default String protocol() {
        return "emsg";
    }

    /**
     * A session authenticated: a user ({@code who} is the address) or a peer server ({@code who} is its domain).
     *
     * @param at when it happened, by the engine clock
     * @param who the user's address, or the peer server's domain
     * @param server true if a peer server authenticated, false for a user
     */
    record SessionAuthenticated(Instant at, String who, boolean server) implements EmsgEvent {
        /** Checks the components. */
        public SessionAuthenticated {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(who, "who");
        }
    }

    /**
     * A {@code hello}, {@code auth} or {@code register} was refused with {@code code}.
     *
     * @param at when it happened, by the engine clock
     * @param code the error code of the refusal
     */
    record AuthenticationFailed(Instant at, int code) implements EmsgEvent {
        /** Checks the components. */
        public AuthenticationFailed {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A client created an account with {@code register}.
     *
     * @param at when it happened, by the engine clock
     * @param address the new account's address
     */
    record AccountRegistered(Instant at, String address) implements EmsgEvent {
        /** Checks the components. */
        public AccountRegistered {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * A message was accepted and acknowledged: {@code localDeliveries} inbox entries written, {@code queued} outbox entries made.
     *
     * @param at when it happened, by the engine clock
     * @param type the message's type
     * @param localDeliveries how many inbox entries on this server were written
     * @param queued how many outbox entries for peer domains were made
     */
    record MessageAccepted(Instant at, String type, int localDeliveries, int queued) implements EmsgEvent {
        /** Checks the components. */
        public MessageAccepted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * A line was refused with {@code code} (the error table of {@code docs/emsg.md}).
     *
     * @param at when it happened, by the engine clock
     * @param code the error code of the refusal
     */
    record MessageRejected(Instant at, int code) implements EmsgEvent {
        /** Checks the components. */
        public MessageRejected {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A group event was applied by the group's origin server.
     *
     * @param at when it happened, by the engine clock
     * @param group the group id
     * @param event the system event's wire name, e.g. {@code group_created}
     */
    record GroupChanged(Instant at, String group, String event) implements EmsgEvent {
        /** Checks the components. */
        public GroupChanged {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A user's profile changed; {@code notices} contacts are told.
     *
     * @param at when it happened, by the engine clock
     * @param address the user whose profile changed
     * @param notices how many contacts are sent a notice
     */
    record ProfileUpdated(Instant at, String address, int notices) implements EmsgEvent {
        /** Checks the components. */
        public ProfileUpdated {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * A submission hit a rate limit ({@code scope} is {@code sender} or {@code domain}).
     *
     * @param at when it happened, by the engine clock
     * @param scope {@code sender} or {@code domain}
     * @param retryAfterMillis how long the submitter must wait, in milliseconds
     */
    record RateLimited(Instant at, String scope, long retryAfterMillis) implements EmsgEvent {
        /** Checks the components. */
        public RateLimited {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(scope, "scope");
        }
    }

    /**
     * A peer domain's key was fetched and pinned on first use.
     *
     * @param at when it happened, by the engine clock
     * @param domain the peer domain whose key is now pinned
     */
    record DomainKeyPinned(Instant at, String domain) implements EmsgEvent {
        /** Checks the components. */
        public DomainKeyPinned {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(domain, "domain");
        }
    }

    /**
     * An outbox entry reached its destination after {@code attempts} attempts.
     *
     * @param at when it happened, by the engine clock
     * @param destination the peer domain the entry went to
     * @param attempts how many attempts it took, at least one
     */
    record Delivered(Instant at, String destination, int attempts) implements EmsgEvent {
        /** Checks the components. */
        public Delivered {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /**
     * An outbox attempt failed ({@code code}, 503 when the peer was unreachable) and was rescheduled.
     *
     * @param at when it happened, by the engine clock
     * @param destination the peer domain the entry goes to
     * @param attempts how many attempts were made so far
     * @param code the peer's error code, or 503 when it was unreachable
     */
    record DeliveryRetried(Instant at, String destination, int attempts, int code) implements EmsgEvent {
        /** Checks the components. */
        public DeliveryRetried {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /**
     * An outbox entry was given up ({@code code}: the peer's refusal, or 504 past its lifetime); a notice went to its sender.
     *
     * @param at when it happened, by the engine clock
     * @param destination the peer domain the entry was for
     * @param code the peer's refusal code, or 504 when the entry outlived its lifetime
     */
    record DeliveryFailed(Instant at, String destination, int code) implements EmsgEvent {
        /** Checks the components. */
        public DeliveryFailed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public boolean isFailure() {
            return true;
        }
    }

    /**
     * {@code cleanUp()} removed {@code removed} expired records.
     *
     * @param at when it happened, by the engine clock
     * @param removed how many expired records were removed
     */
    record CleanedUp(Instant at, int removed) implements EmsgEvent {
        /** Checks the components. */
        public CleanedUp {
            Objects.requireNonNull(at, "at");
        }
    }
}
