package dev.missive.mesh.model;

/**
 * The errors a mesh server answers with: an HTTP status and a body {@code {"error": code}} where
 * {@code code} is {@link #code()} ({@code docs/mesh.md}, "Errors"). Nothing is stored when a
 * request is refused.
 */
public enum MeshError {
    /** The body is not the endpoint's JSON (syntax, types, missing or duplicate members). */
    MALFORMED(400, "malformed"),
    /** The body or a field is larger than the server accepts. */
    TOO_LARGE(413, "too_large"),
    /** A public key is not a base64 SPKI RSA key of an accepted size. */
    BAD_KEY(400, "bad_key"),
    /** An envelope does not have the layout of {@code docs/mesh.md}, "Envelope". */
    BAD_ENVELOPE(400, "bad_envelope"),
    /** The {@code hash} is not the hash the server computes from the packet. */
    HASH_MISMATCH(400, "hash_mismatch"),
    /** A timestamp is outside the accepted window (too old or in the future). */
    STALE(400, "stale"),
    /** The hash is already held (or tombstoned) with other content: the first valid packet wins. */
    CONFLICT(409, "conflict"),
    /** The hash was discarded or expired here: it is never stored again. */
    GONE(410, "gone"),
    /** A request signature does not verify. */
    BAD_SIGNATURE(401, "bad_signature"),
    /** A signed request names another server as its audience. */
    WRONG_AUDIENCE(401, "wrong_audience"),
    /** A request nonce was already used. */
    REPLAYED(401, "replayed"),
    /** A server-to-server request comes from a peer this server does not accept. */
    UNKNOWN_PEER(403, "unknown_peer"),
    /** The endpoint or request form belongs to a profile this server has not enabled. */
    PROFILE_DISABLED(404, "profile_disabled"),
    /** Serving the request failed unexpectedly (store down, a bug). */
    INTERNAL(500, "internal");

    private final int httpStatus;
    private final String code;

    MeshError(int httpStatus, String code) {
        this.httpStatus = httpStatus;
        this.code = code;
    }

    /**
     * The HTTP status a server answers with.
     *
     * @return the HTTP status code, e.g. 400
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The code in the reply body's {@code error} member.
     *
     * @return the lower-case code, stable across versions
     */
    public String code() {
        return code;
    }
}
