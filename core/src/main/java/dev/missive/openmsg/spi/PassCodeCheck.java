package dev.missive.openmsg.spi;

/** The outcome of {@link OpenmsgStore#usePassCode}. */
public enum PassCodeCheck {
    /** The code matched an unexpired code, which is now deleted (single use). */
    ACCEPTED,
    /** The code matched an expired code, which is now deleted; not counted as a failure. */
    EXPIRED,
    /** No code matched; the user's failure counter went up. */
    REJECTED,
    /** No code matched and the failure counter reached the limit: every code of the user was deleted. */
    LOCKED_OUT
}
