package dev.missive.emsg.model;

import java.util.Optional;

/**
 * The error codes of an EMSG {@code {"type":"error","code":N,"message":...}} reply
 * ({@code docs/emsg.md}, "Errors"). The seed's ranges are kept (4xx: the request is at fault, 5xx: the
 * server is); codes HTTP defines keep HTTP's meaning, and EMSG-specific refusals use numbers HTTP leaves
 * unassigned (460-469), so no code means two things.
 */
public enum EmsgError {
    /** Not JSON, not one object, or a member of the wrong JSON type outside any schema. */
    BAD_REQUEST(400, "bad request"),
    /** The session is not authenticated, or authentication failed. */
    UNAUTHORIZED(401, "unauthorized"),
    /** The authenticated party may not do this (group permission, registration closed, wrong peer). */
    FORBIDDEN(403, "forbidden"),
    /** Unknown user, group or key. */
    NOT_FOUND(404, "not found"),
    /** A message with this (sender, id) was already accepted, or the account or group exists. */
    CONFLICT(409, "conflict"),
    /** The line is longer than the server accepts; the server closes the connection after this reply. */
    TOO_LARGE(413, "line too long"),
    /** The message violates its JSON Schema; {@code path} names the failing member. */
    SCHEMA_VIOLATION(422, "schema violation"),
    /** Rate limit reached; {@code retry_after} (ms) says when to try again. */
    RATE_LIMITED(429, "rate limited"),
    /** The signature does not verify with the sender's key from its home server. */
    BAD_SIGNATURE(460, "invalid signature"),
    /** The sender's domain is not the domain of the connection it arrived on (client or peer server). */
    SENDER_DOMAIN_MISMATCH(461, "sender not from this connection's domain"),
    /** Group traffic arrived from a server that is neither the group's origin nor the sender's home. */
    NOT_GROUP_ORIGIN(462, "not the group's origin server"),
    /** The message's timestamp is further in the future than the server tolerates. */
    TIMESTAMP_OUT_OF_RANGE(463, "timestamp out of range"),
    /** Unexpected failure inside the server. */
    INTERNAL(500, "internal error"),
    /** Unknown {@code type} or capability. */
    NOT_IMPLEMENTED(501, "not implemented"),
    /** A peer (next hop) could not be reached; the message stays queued. */
    UNAVAILABLE(503, "peer unavailable"),
    /** A queued message could not be delivered before its lifetime ended (in {@code delivery_failed} notices). */
    EXPIRED(504, "not delivered before the message expired"),
    /** The peer's protocol MAJOR version differs from ours. */
    VERSION_NOT_SUPPORTED(505, "version not supported");

    private final int code;
    private final String reason;

    EmsgError(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /**
     * The numeric code on the wire.
     *
     * @return the code, e.g. 404
     */
    public int code() {
        return code;
    }

    /**
     * The default {@code message} text.
     *
     * @return the reason text sent when no more specific message is given
     */
    public String reason() {
        return reason;
    }

    /**
     * The error with this numeric code.
     *
     * @param code a wire code
     * @return the error, or empty if the code is not in the table
     */
    public static Optional<EmsgError> ofCode(int code) {
        for (EmsgError error : values()) {
            if (error.code == code) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }
}
