package dev.missive.testkit.conformance;

import java.util.Objects;

/**
 * What one check found.
 *
 * @param check  the check
 * @param status pass, fail or skip
 * @param reason why it failed or was skipped; for a pass, what was observed (may be empty)
 */
public record CheckResult(Check check, CheckStatus status, String reason) {

    /** Validates the components. */
    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Whether this result makes the run fail.
     *
     * @return true for a required check that did not pass
     */
    public boolean failsRun() {
        return check.level() == CheckLevel.REQUIRED && status != CheckStatus.PASS;
    }
}
