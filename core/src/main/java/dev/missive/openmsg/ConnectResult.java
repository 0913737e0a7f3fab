package dev.missive.openmsg;

import dev.missive.openmsg.model.HandshakeError;
import dev.missive.openmsg.model.OpenmsgAddress;
import java.util.Objects;

/** Outcome of {@link OpenmsgNode#connect}: the initiator's side of a handshake. */
public sealed interface ConnectResult {

    /**
     * True for {@link Connected}.
     *
     * @return {@code true} if the handshake succeeded
     */
    default boolean isConnected() {
        return this instanceof Connected;
    }

    /**
     * Both nodes now hold the connection.
     *
     * @param self      the local user
     * @param other     the acceptor
     * @param otherName the acceptor user's display name as its node reported it
     */
    record Connected(OpenmsgAddress self, OpenmsgAddress other, String otherName) implements ConnectResult {
        /** Checks the components. */
        public Connected {
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(other, "other");
            Objects.requireNonNull(otherName, "otherName");
        }
    }

    /**
     * The handshake failed; nothing was stored locally.
     *
     * @param error  why
     * @param detail human-readable detail (for a peer refusal: the peer's error message, sanitised)
     */
    record Failed(HandshakeError error, String detail) implements ConnectResult {
        /** Checks the components. */
        public Failed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
