package dev.missive.testkit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Runs every check of a suite in order and collects a {@link ConformanceReport}. */
public final class ConformanceRunner {

    private ConformanceRunner() {}

    /**
     * Runs {@code suite}'s checks (it does not close the suite).
     *
     * @param suite    the suite
     * @param progress told before and after each check
     * @return the report
     */
    public static ConformanceReport run(ConformanceSuite suite, ProgressListener progress) {
        Objects.requireNonNull(progress, "progress");
        List<Check> checks = suite.checks();
        List<CheckResult> results = new ArrayList<>(checks.size());
        int number = 0;
        for (Check check : checks) {
            number++;
            progress.started(number, checks.size(), check);
            CheckResult result = runOne(check);
            results.add(result);
            progress.finished(number, checks.size(), result);
        }
        return new ConformanceReport(suite.protocol(), suite.target(), results);
    }

    private static CheckResult runOne(Check check) {
        try {
            check.body().run();
            return new CheckResult(check, CheckStatus.PASS, "");
        } catch (Verdict.Failed e) {
            return new CheckResult(check, CheckStatus.FAIL, e.getMessage());
        } catch (Verdict.Skipped e) {
            return new CheckResult(check, CheckStatus.SKIP, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckResult(check, CheckStatus.FAIL, "interrupted");
        } catch (Exception | AssertionError e) {
            // A check that threw something else hit a target behaviour it could not read.
            return new CheckResult(check, CheckStatus.FAIL, String.valueOf(e));
        }
    }
}
