package dev.missive.osms;

import dev.missive.event.ProtocolEvent;
import dev.missive.osms.model.OsmsError;
import java.time.Instant;
import java.util.Objects;

/**
 * The steps OSMS engines report. Events carry usernames, fingerprints (public), counts and codes,
 * never message contents or session tokens.
 */
public sealed interface OsmsEvent extends ProtocolEvent {

    @Override
    default String protocol() {
        return "osms";
    }

    /**
     * A login AKE started (first {@code POST /create_session}).
     *
     * @param at when
     */
    record HandshakeStarted(Instant at) implements OsmsEvent {
        /** Validates. */
        public HandshakeStarted {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A login completed.
     *
     * @param at         when
     * @param username   who logged in
     * @param otrVersion the negotiated OTR version
     * @param registered whether this login created the account (open registration)
     */
    record LoggedIn(Instant at, String username, int otrVersion, boolean registered) implements OsmsEvent {
        /** Validates. */
        public LoggedIn {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(username, "username");
        }
    }

    /**
     * A request was refused with an OSMS error (bad input, wrong key, no consent, ...).
     *
     * @param at       when
     * @param endpoint the endpoint or operation, e.g. {@code create_session} or {@code op:send}
     * @param error    the error answered
     */
    record Refused(Instant at, String endpoint, OsmsError error) implements OsmsEvent {
        /** Validates. */
        public Refused {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public boolean isFailure() {
            return error == OsmsError.INTERNAL;
        }
    }

    /**
     * An account was created (operator command or open registration).
     *
     * @param at       when
     * @param username its username
     */
    record UserRegistered(Instant at, String username) implements OsmsEvent {
        /** Validates. */
        public UserRegistered {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(username, "username");
        }
    }

    /**
     * A user renamed itself.
     *
     * @param at   when
     * @param from the old username
     * @param to   the new username
     */
    record UserRenamed(Instant at, String from, String to) implements OsmsEvent {
        /** Validates. */
        public UserRenamed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * A user published a new key.
     *
     * @param at             when
     * @param username       who
     * @param fingerprintHex the new key's fingerprint
     */
    record KeyPublished(Instant at, String username, String fingerprintHex) implements OsmsEvent {
        /** Validates. */
        public KeyPublished {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(fingerprintHex, "fingerprintHex");
        }
    }

    /**
     * A user authorized a peer.
     *
     * @param at   when
     * @param from who consented
     * @param to   the peer
     */
    record Authorized(Instant at, String from, String to) implements OsmsEvent {
        /** Validates. */
        public Authorized {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * An OTR message was queued for a user.
     *
     * @param at    when
     * @param chars its length
     */
    record Relayed(Instant at, int chars) implements OsmsEvent {
        /** Validates. */
        public Relayed {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A user polled and acknowledged items.
     *
     * @param at           when
     * @param returned     items returned
     * @param acknowledged items deleted
     */
    record Polled(Instant at, int returned, int acknowledged) implements OsmsEvent {
        /** Validates. */
        public Polled {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A session ended by logout.
     *
     * @param at when
     */
    record LoggedOut(Instant at) implements OsmsEvent {
        /** Validates. */
        public LoggedOut {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * {@code cleanUp()} ran.
     *
     * @param at      when
     * @param removed records deleted
     */
    record CleanedUp(Instant at, int removed) implements OsmsEvent {
        /** Validates. */
        public CleanedUp {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Client: the server key was trusted on first use because no fingerprint was given.
     *
     * @param at             when
     * @param server         the server
     * @param fingerprintHex the pinned fingerprint
     */
    record ServerKeyTrustedOnFirstUse(Instant at, String server, String fingerprintHex) implements OsmsEvent {
        /** Validates. */
        public ServerKeyTrustedOnFirstUse {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(fingerprintHex, "fingerprintHex");
        }
    }

    /**
     * Client: a key did not match its pin (the server's key, or a user's key). A security event.
     *
     * @param at       when
     * @param server   the server
     * @param subject  the username, or {@code @server}
     * @param pinned   the pinned fingerprint
     * @param received the fingerprint now seen
     */
    record KeyChanged(Instant at, String server, String subject, String pinned, String received) implements OsmsEvent {
        /** Validates. */
        public KeyChanged {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(pinned, "pinned");
            Objects.requireNonNull(received, "received");
        }

        @Override
        public boolean isFailure() {
            return true;
        }
    }

    /**
     * Client: a user's key was pinned on first use.
     *
     * @param at             when
     * @param server         the server
     * @param username       the user
     * @param fingerprintHex the fingerprint
     */
    record UserKeyPinned(Instant at, String server, String username, String fingerprintHex) implements OsmsEvent {
        /** Validates. */
        public UserKeyPinned {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(fingerprintHex, "fingerprintHex");
        }
    }

    /**
     * Client: an OTR conversation with a peer became encrypted, with the peer's pinned key.
     *
     * @param at         when
     * @param peer       the peer's username
     * @param otrVersion the negotiated version
     */
    record ConversationEncrypted(Instant at, String peer, int otrVersion) implements OsmsEvent {
        /** Validates. */
        public ConversationEncrypted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(peer, "peer");
        }
    }

    /**
     * Client: an SMP verification with a peer ended.
     *
     * @param at       when
     * @param peer     the peer
     * @param verified whether both sides had the same secret
     */
    record PeerVerified(Instant at, String peer, boolean verified) implements OsmsEvent {
        /** Validates. */
        public PeerVerified {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(peer, "peer");
        }
    }
}
