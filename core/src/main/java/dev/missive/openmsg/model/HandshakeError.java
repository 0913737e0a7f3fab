package dev.missive.openmsg.model;

/**
 * Why a handshake step failed. On the wire handshake errors carry no code (only {@code "error": true}
 * and an {@code error_message}); these names are our own stable identifiers for results, events and
 * logs.
 */
public enum HandshakeError {
    /** The request body was not valid JSON, a field was missing, had the wrong type or format, or was too large. */
    MALFORMED_REQUEST("malformed request"),
    /** An address in the request is not a valid Openmsg address. */
    INVALID_ADDRESS("invalid openmsg address"),
    /** The local user does not exist. */
    UNKNOWN_USER("unknown user"),
    /** The pass code is wrong (or the target has no outstanding code). */
    PASS_CODE_INVALID("pass code not valid"),
    /** The pass code matched but is older than its lifetime. */
    PASS_CODE_EXPIRED("expired pass code, over 1 hour old"),
    /** Too many wrong pass codes for the target user: all its codes were burned. */
    PASS_CODE_LOCKED("pass code not valid"),
    /** The initiator's node did not confirm the handshake (auth-confirm refused or unreachable). */
    CONFIRMATION_FAILED("Error: handshake not confirmed by the initiating node"),
    /** auth-confirm named no pending handshake of ours. */
    UNKNOWN_PENDING_HANDSHAKE("unknown pending authorization"),
    /** auth-confirm arrived after the pending handshake's lifetime. */
    HANDSHAKE_EXPIRED("expired handshake, over 60 seconds old"),
    /** The peer could not be reached. */
    PEER_UNREACHABLE("peer unreachable"),
    /** The peer answered with an error. */
    PEER_REJECTED("peer refused the handshake"),
    /** The peer's answer could not be understood. */
    MALFORMED_RESPONSE("malformed response from peer");

    private final String wireMessage;

    HandshakeError(String wireMessage) {
        this.wireMessage = wireMessage;
    }

    /**
     * The {@code error_message} we send for this error: fixed text, never echoing the request.
     *
     * @return the fixed error text
     */
    public String wireMessage() {
        return wireMessage;
    }
}
