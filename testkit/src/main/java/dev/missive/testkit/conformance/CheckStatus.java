package dev.missive.testkit.conformance;

/** The outcome of one check. */
public enum CheckStatus {
    /** The target behaved as the check requires. */
    PASS,
    /** The target did not; the result's reason names what it did instead. */
    FAIL,
    /** The check could not run (a missing hook, a prerequisite that failed); the reason says why. */
    SKIP
}
