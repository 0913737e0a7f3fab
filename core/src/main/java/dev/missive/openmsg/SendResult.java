package dev.missive.openmsg;

import dev.missive.openmsg.model.ResponseCode;
import java.util.Objects;
import java.util.Optional;

/** Outcome of {@link OpenmsgNode#send}. */
public sealed interface SendResult {

    /**
     * True for {@link Sent}.
     *
     * @return {@code true} if the recipient's node accepted the message
     */
    default boolean isSent() {
        return this instanceof Sent;
    }

    /**
     * The recipient's node accepted the message ({@code SM_S888}).
     *
     * @param messageHash the message's hash (its identifier on both nodes)
     */
    record Sent(String messageHash) implements SendResult {
        /** Checks the components. */
        public Sent {
            Objects.requireNonNull(messageHash, "messageHash");
        }
    }

    /**
     * The message was not delivered.
     *
     * @param reason   why
     * @param peerCode the recipient's response code, when it answered with one
     * @param detail   human-readable detail
     */
    record Failed(SendFailure reason, Optional<ResponseCode> peerCode, String detail) implements SendResult {
        /** Checks the components. */
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(peerCode, "peerCode");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a send failed. */
    enum SendFailure {
        /** The sender is not a user of this node. */
        UNKNOWN_USER,
        /** No connection between the two addresses: run a handshake first. */
        NOT_CONNECTED,
        /** The text is empty or longer than the configured limit. */
        INVALID_TEXT,
        /** The recipient's node answered with an error code. */
        REJECTED,
        /** The recipient's node could not be reached (the message may or may not have arrived). */
        PEER_UNREACHABLE,
        /** The recipient's node answered something we could not understand. */
        MALFORMED_RESPONSE
    }
}
