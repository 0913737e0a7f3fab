package dev.missive.osms.spi;

/** Where a login session is. */
public enum SessionState {
    /** The AKE is under way (between the first and the third {@code POST /create_session}). */
    HANDSHAKE,
    /** The AKE completed with the user's stored key: operations are accepted. */
    ESTABLISHED,
    /** Logged out; kept until it expires so a repeated logout answers the same. */
    TERMINATED
}
