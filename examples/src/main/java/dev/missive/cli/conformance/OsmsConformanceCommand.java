package dev.missive.cli.conformance;

import dev.missive.testkit.conformance.osms.OsmsConformanceSuite;
import dev.missive.testkit.conformance.osms.OsmsTarget;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code missive conformance osms}: the OSMS suite (docs/osms.md) against a server, as a client. The
 * server must run with open registration: the suite creates its users by logging in with fresh keys.
 */
@Command(
        name = "osms",
        mixinStandardHelpOptions = true,
        description = "Run the OSMS conformance suite (docs/osms.md) against a server.",
        footer = {
            "",
            "The target must run with open registration (osms-server --registration open): the suite creates its",
            "users, with random names, by logging in with fresh DSA keys. --handshake-ttl, --session-ttl and",
            "--max-sessions tell the suite the server's limits; without them those hardening checks are skipped.",
            "%nExample:",
            "  missive conformance osms --target http://127.0.0.1:8443 --junit osms.xml"
        })
public final class OsmsConformanceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReportOptions report;

    @Option(
            names = "--target",
            required = true,
            paramLabel = "URL",
            description = "The server's base URL, e.g. http://127.0.0.1:8443.")
    private String target;

    @Option(
            names = "--handshake-ttl",
            paramLabel = "DURATION",
            description = "The server's login time limit (ISO-8601, e.g. PT2M): checks that a late step 2 is"
                    + " refused, after waiting that long.")
    private Duration handshakeTtl;

    @Option(
            names = "--session-ttl",
            paramLabel = "DURATION",
            description = "The server's idle session lifetime (ISO-8601, e.g. PT30M): checks that an idle session"
                    + " expires, after waiting that long.")
    private Duration sessionTtl;

    @Option(
            names = "--max-sessions",
            paramLabel = "N",
            description = "The most sessions the server holds: checks that one more answers 503 busy.")
    private Integer maxSessions;

    /** Picocli instantiates the command. */
    public OsmsConformanceCommand() {}

    @Override
    public Integer call() {
        URI base = HttpTarget.parse(spec, target);
        positive("--handshake-ttl", handshakeTtl);
        positive("--session-ttl", sessionTtl);
        if (maxSessions != null && maxSessions < 1) {
            throw new ParameterException(spec.commandLine(), "--max-sessions must be positive");
        }
        OsmsTarget osms = new OsmsTarget(
                base,
                Optional.ofNullable(handshakeTtl),
                Optional.ofNullable(sessionTtl),
                maxSessions == null ? OptionalInt.empty() : OptionalInt.of(maxSessions));
        try (OsmsConformanceSuite suite = new OsmsConformanceSuite(osms)) {
            return report.run(
                    suite, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    private void positive(String option, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new ParameterException(spec.commandLine(), option + " must be a positive duration");
        }
    }
}
