package dev.missive.osms.model;

/**
 * Every error an OSMS server answers, with its wire code (sent in the {@code OSMS-Error} header and
 * as the body's first word outside OTR, or as {@code "error"} inside an OTR-encrypted reply) and
 * its HTTP status. The codes are our profile: the 2015 text defines no error model.
 */
public enum OsmsError {
    /** The body is not what the endpoint takes: not OTR, truncated, garbage, wrong content type. */
    MALFORMED("malformed", 400),
    /** The username does not match {@code ^[A-Za-z0-9]{1,32}$}. */
    INVALID_USERNAME("invalid-username", 400),
    /** The OTR AKE did not progress with this message (replayed, forged or out of order). */
    AKE_FAILED("ake-failed", 400),
    /** An operation inside OTR that the server does not know, or with bad arguments. */
    BAD_OPERATION("bad-operation", 400),
    /** No such session (unknown, expired, or lost in a server restart): log in again. */
    UNKNOWN_SESSION("unknown-session", 401),
    /** The key the AKE proved is not the stored key of the user. */
    KEY_MISMATCH("key-mismatch", 403),
    /** The user does not exist and the server does not take registrations. */
    REGISTRATION_CLOSED("registration-closed", 403),
    /** A data message to a user before both sides authorized each other. */
    CONSENT_REQUIRED("consent-required", 403),
    /** No such user. */
    UNKNOWN_USER("unknown-user", 404),
    /** The {@code Accept} header names neither Gob nor JSON. */
    NOT_ACCEPTABLE("not-acceptable", 406),
    /** The session is not in the state this request needs (e.g. an AKE step after login). */
    WRONG_SESSION_STATE("wrong-session-state", 409),
    /** The new username belongs to someone else. */
    USERNAME_TAKEN("username-taken", 409),
    /** The key is already another user's. */
    KEY_IN_USE("key-in-use", 409),
    /** The body is larger than the server takes. */
    TOO_LARGE("too-large", 413),
    /** The recipient's queue is full. */
    QUEUE_FULL("queue-full", 429),
    /** The server holds as many sessions as it may; try again later. */
    BUSY("busy", 503),
    /** Something failed on the server (store, OTR library); nothing was changed. */
    INTERNAL("internal", 500);

    private final String code;
    private final int httpStatus;

    OsmsError(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /**
     * The wire code.
     *
     * @return e.g. {@code "key-mismatch"}
     */
    public String code() {
        return code;
    }

    /**
     * The HTTP status answered.
     *
     * @return e.g. 403
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Looks a wire code up.
     *
     * @param code the code
     * @return the error, or {@link #INTERNAL} for an unknown code
     */
    public static OsmsError fromCode(String code) {
        for (OsmsError e : values()) {
            if (e.code.equals(code)) {
                return e;
            }
        }
        return INTERNAL;
    }
}
