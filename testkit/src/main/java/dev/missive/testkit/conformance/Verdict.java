package dev.missive.testkit.conformance;

import java.io.Serial;

/** Ends a check early with a failure or a skip, and small assertions that do so. */
public final class Verdict {

    private Verdict() {}

    /** Thrown to end a check as {@link CheckStatus#FAIL}. */
    public static final class Failed extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        /**
         * A failure with its reason.
         *
         * @param reason what the target did wrong, in terms of what was sent and received
         */
        public Failed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Thrown to end a check as {@link CheckStatus#SKIP}. */
    public static final class Skipped extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        /**
         * A skip with its reason.
         *
         * @param reason why the check could not run
         */
        public Skipped(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Fails the check.
     *
     * @param reason what went wrong
     * @return never returns (declared so callers can write {@code throw Verdict.fail(...)})
     * @throws Failed always
     */
    public static Failed fail(String reason) {
        throw new Failed(reason);
    }

    /**
     * Skips the check.
     *
     * @param reason why it cannot run
     * @return never returns
     * @throws Skipped always
     */
    public static Skipped skip(String reason) {
        throw new Skipped(reason);
    }

    /**
     * Fails the check with {@code reason} unless {@code condition} holds.
     *
     * @param condition what must be true
     * @param reason    the failure's reason
     * @throws Failed when the condition is false
     */
    public static void require(boolean condition, String reason) {
        if (!condition) {
            throw new Failed(reason);
        }
    }

    /**
     * Fails unless {@code actual} equals {@code expected}, naming both.
     *
     * @param what     what was compared, e.g. {@code "reply to SUB with a bad signature"}
     * @param expected the expected value
     * @param actual   the observed value
     * @throws Failed when they differ
     */
    public static void expectEquals(String what, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            throw new Failed(what + ": expected " + expected + ", got " + actual);
        }
    }
}
