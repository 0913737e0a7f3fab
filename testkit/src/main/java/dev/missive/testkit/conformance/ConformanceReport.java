package dev.missive.testkit.conformance;

import java.util.List;
import java.util.Objects;

/**
 * The results of one run of a suite.
 *
 * @param protocol the suite's protocol
 * @param target   the target's description
 * @param results  one result per check, in run order
 */
public record ConformanceReport(String protocol, String target, List<CheckResult> results) {

    /** Validates the components and copies the list. */
    public ConformanceReport {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(target, "target");
        results = List.copyOf(results);
    }

    /**
     * Whether every required check passed (the CLI's exit code 0).
     *
     * @return true when no required check failed or was skipped
     */
    public boolean passed() {
        return results.stream().noneMatch(CheckResult::failsRun);
    }

    /**
     * How many checks ended with {@code status}.
     *
     * @param status the status to count
     * @return the count
     */
    public long count(CheckStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /**
     * The result of the check with this id.
     *
     * @param checkId the check's id
     * @return its result
     * @throws IllegalArgumentException if the suite has no such check
     */
    public CheckResult result(String checkId) {
        return results.stream()
                .filter(r -> r.check().id().equals(checkId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check " + checkId));
    }
}
