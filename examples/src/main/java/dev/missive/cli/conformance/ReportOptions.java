package dev.missive.cli.conformance;

import dev.missive.cli.CommandFailure;
import dev.missive.testkit.conformance.Check;
import dev.missive.testkit.conformance.CheckResult;
import dev.missive.testkit.conformance.ConformanceReport;
import dev.missive.testkit.conformance.ConformanceRunner;
import dev.missive.testkit.conformance.ConformanceSuite;
import dev.missive.testkit.conformance.ProgressListener;
import dev.missive.testkit.conformance.ReportFormats;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The output options every conformance command shares, and the run itself: progress on stderr
 * ({@code [n/N] id ... STATUS}), the report on stdout (text, or JSON with {@code --json}), JUnit XML
 * to {@code --junit FILE}. Exit code 0 only when every required check passed, else 1.
 */
final class ReportOptions {

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the report as JUnit XML to FILE.")
    private Path junit;

    @Option(names = "--json", description = "Print the report as JSON instead of text.")
    private boolean json;

    /** Runs {@code suite}, writes the report, and returns the exit code. */
    int run(ConformanceSuite suite, PrintWriter out, PrintWriter err) {
        ConformanceReport report = ConformanceRunner.run(suite, new ProgressListener() {
            @Override
            public void started(int number, int total, Check check) {
                err.printf("[%d/%d] %s ...", number, total, check.id());
                err.flush();
            }

            @Override
            public void finished(int number, int total, CheckResult result) {
                err.println(" " + result.status());
                err.flush();
            }
        });
        try {
            if (json) {
                ReportFormats.json(report, out);
            } else {
                ReportFormats.text(report, out);
            }
            if (junit != null) {
                try (Writer file = Files.newBufferedWriter(junit, StandardCharsets.UTF_8)) {
                    ReportFormats.junitXml(report, file);
                }
            }
        } catch (IOException e) {
            throw new CommandFailure("cannot write the report: " + CommandFailure.reason(e), e);
        }
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
