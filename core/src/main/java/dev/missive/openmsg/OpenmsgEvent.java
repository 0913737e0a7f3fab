package dev.missive.openmsg;

import dev.missive.event.FailureKind;
import dev.missive.event.ProtocolEvent;
import dev.missive.openmsg.model.HandshakeError;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.model.ResponseCode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The steps an {@link OpenmsgNode} reports to its {@link dev.missive.event.EventListener}, one record
 * per step. Events carry addresses, endpoints, codes and counts, never pass codes, auth codes, keys
 * or message text, so they may be logged as they are.
 */
public sealed interface OpenmsgEvent extends ProtocolEvent {

    @Override
    default String protocol() {
        return "openmsg";
    }

    /**
     * A local user issued a pass code.
     *
     * @param at when the code was issued
     * @param user the issuing user
     */
    record PassCodeIssued(Instant at, OpenmsgAddress user) implements OpenmsgEvent {
        /** Checks the components. */
        public PassCodeIssued {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * Too many wrong pass codes for a local user: every code of the user was burned.
     *
     * @param at when the last wrong code was presented
     * @param user the targeted user
     */
    record PassCodeLockedOut(Instant at, OpenmsgAddress user) implements OpenmsgEvent {
        /** Checks the components. */
        public PassCodeLockedOut {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(user, "user");
        }

        @Override
        public boolean isFailure() {
            return true;
        }
    }

    /**
     * As acceptor, this node stored a connection and answered {@code auth/} with its codes.
     *
     * @param at when the connection was stored
     * @param self  the local user (acceptor)
     * @param other the initiator
     */
    record HandshakeAccepted(Instant at, OpenmsgAddress self, OpenmsgAddress other) implements OpenmsgEvent {
        /** Checks the components. */
        public HandshakeAccepted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(other, "other");
        }
    }

    /**
     * As initiator, this node confirmed a pending handshake to the acceptor's {@code auth-confirm/} call.
     *
     * @param at when the confirmation was answered
     * @param self  the local user (initiator)
     * @param other the acceptor
     */
    record HandshakeConfirmed(Instant at, OpenmsgAddress self, OpenmsgAddress other) implements OpenmsgEvent {
        /** Checks the components. */
        public HandshakeConfirmed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(other, "other");
        }
    }

    /**
     * As initiator, this node completed {@link OpenmsgNode#connect} and stored the connection.
     *
     * @param at when the connection was stored
     * @param self  the local user (initiator)
     * @param other the acceptor
     */
    record HandshakeCompleted(Instant at, OpenmsgAddress self, OpenmsgAddress other) implements OpenmsgEvent {
        /** Checks the components. */
        public HandshakeCompleted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(other, "other");
        }
    }

    /**
     * This node refused an inbound handshake step ({@code auth/} or {@code auth-confirm/}).
     *
     * @param at when the step was refused
     * @param endpoint the endpoint that was called
     * @param error    why
     */
    record HandshakeRefused(Instant at, OpenmsgEndpoint endpoint, HandshakeError error) implements OpenmsgEvent {
        /** Checks the components. */
        public HandshakeRefused {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * {@link OpenmsgNode#connect} failed; nothing was stored.
     *
     * @param at when the handshake failed
     * @param self  the local user (initiator)
     * @param other the address it tried to connect to
     * @param error why
     */
    record HandshakeFailed(Instant at, OpenmsgAddress self, OpenmsgAddress other, HandshakeError error)
            implements OpenmsgEvent {
        /** Checks the components. */
        public HandshakeFailed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(other, "other");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public boolean isFailure() {
            return true;
        }
    }

    /**
     * This node accepted an inbound message into {@code self}'s inbox.
     *
     * @param at when the message was stored
     * @param self        the local recipient
     * @param other       the sender (from the stored connection)
     * @param messageHash the message's hash
     */
    record MessageAccepted(Instant at, OpenmsgAddress self, OpenmsgAddress other, String messageHash)
            implements OpenmsgEvent {
        /** Checks the components. */
        public MessageAccepted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(other, "other");
            Objects.requireNonNull(messageHash, "messageHash");
        }
    }

    /**
     * This node refused an inbound message step ({@code message-receive/} or {@code message-confirm/}).
     *
     * @param at when the step was refused
     * @param endpoint the endpoint that was called
     * @param code     the response code answered
     */
    record MessageRejected(Instant at, OpenmsgEndpoint endpoint, ResponseCode code) implements OpenmsgEvent {
        /** Checks the components. */
        public MessageRejected {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * This node confirmed, on {@code message-confirm/}, a message it sent.
     *
     * @param at when the confirmation was answered
     * @param messageHash the message's hash
     */
    record MessageConfirmed(Instant at, String messageHash) implements OpenmsgEvent {
        /** Checks the components. */
        public MessageConfirmed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(messageHash, "messageHash");
        }
    }

    /**
     * The recipient's node accepted a message sent by {@link OpenmsgNode#send}.
     *
     * @param at when the recipient's acceptance arrived
     * @param self        the local sender
     * @param other       the recipient
     * @param messageHash the message's hash
     */
    record MessageSent(Instant at, OpenmsgAddress self, OpenmsgAddress other, String messageHash)
            implements OpenmsgEvent {
        /** Checks the components. */
        public MessageSent {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(other, "other");
            Objects.requireNonNull(messageHash, "messageHash");
        }
    }

    /**
     * {@link OpenmsgNode#send} did not deliver a message.
     *
     * @param at when the send was given up
     * @param self     the local sender
     * @param other    the recipient
     * @param reason   why
     * @param peerCode the recipient's response code, when it answered with one
     */
    record MessageSendFailed(
            Instant at,
            OpenmsgAddress self,
            OpenmsgAddress other,
            SendResult.SendFailure reason,
            Optional<ResponseCode> peerCode)
            implements OpenmsgEvent {
        /** Checks the components. */
        public MessageSendFailed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(other, "other");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(peerCode, "peerCode");
        }

        @Override
        public boolean isFailure() {
            return true;
        }
    }

    /**
     * A call to a peer got no usable answer: unreachable, a status other than 200, or a body that is
     * not the protocol's JSON.
     *
     * @param at when the call failed
     * @param endpoint   the peer's endpoint that was called
     * @param peerDomain the peer's domain
     * @param reason     what went wrong, as far as this node can tell
     */
    record PeerCallFailed(Instant at, OpenmsgEndpoint endpoint, String peerDomain, FailureKind reason)
            implements OpenmsgEvent {
        /** Checks the components. */
        public PeerCallFailed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(peerDomain, "peerDomain");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean isFailure() {
            return true;
        }
    }

    /**
     * Serving an endpoint failed unexpectedly (store down, a bug); the peer got HTTP 500.
     *
     * @param at when the failure happened
     * @param endpoint      the endpoint that was called
     * @param exceptionType the exception's class name (never its message, which may hold input)
     */
    record InternalError(Instant at, OpenmsgEndpoint endpoint, String exceptionType) implements OpenmsgEvent {
        /** Checks the components. */
        public InternalError {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(exceptionType, "exceptionType");
        }

        @Override
        public boolean isFailure() {
            return true;
        }
    }

    /**
     * {@link OpenmsgNode#cleanUp} deleted expired state.
     *
     * @param at when the clean-up ran
     * @param removed how many records it deleted
     */
    record CleanedUp(Instant at, int removed) implements OpenmsgEvent {
        /** Checks the components. */
        public CleanedUp {
            Objects.requireNonNull(at, "at");
        }
    }
}
