package dev.missive.cli.conformance;

import dev.missive.cli.emsg.EmsgServerCommand;
import dev.missive.cli.emsg.KeyFile;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.testkit.conformance.emsg.EmsgConformanceSuite;
import dev.missive.testkit.conformance.emsg.EmsgTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code missive conformance emsg}: the EMSG 0.2 suite against a server at HOST:PORT, as a client
 * of it. It registers its own accounts (the target runs with open registration) or logs in to
 * pre-provisioned ones ({@code --account ADDR=KEYFILE}, twice or more).
 */
@Command(
        name = "emsg",
        mixinStandardHelpOptions = true,
        description = "Run the EMSG 0.2 conformance suite against a server, as its client.",
        footer = {
            "",
            "The suite registers its own accounts: run the target with open registration",
            "(emsg-server --registration open). With closed registration give two or more accounts the",
            "operator created (emsg keygen, emsg account add) with --account ADDR=KEYFILE.",
            "%nExample:",
            "  missive conformance emsg --target 127.0.0.1:5888 --domain b.example --junit emsg.xml"
        })
public final class EmsgConformanceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReportOptions report;

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "The server under test.")
    private String target;

    @Option(
            names = "--domain",
            required = true,
            paramLabel = "D",
            description = "The domain the server is home to (its accounts are user#D).")
    private String domain;

    @Option(
            names = "--account",
            paramLabel = "ADDR=KEYFILE",
            description = "A pre-provisioned account and its Ed25519 key file (emsg keygen), for a server with closed"
                    + " registration; give two or more (repeatable).")
    private List<String> accounts = new ArrayList<>();

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            converter = EmsgServerCommand.DurationOption.class,
            description = "The target's idle timeout, ISO-8601 (e.g. PT30S): the idle checks wait for it. Without it"
                    + " they are skipped (the documented default is an hour).")
    private Duration idleTimeout;

    /** Picocli instantiates the command. */
    public EmsgConformanceCommand() {}

    @Override
    public Integer call() {
        HostPort hostPort = HostPort.parse(spec, "--target", target);
        String home;
        try {
            home = EmsgAddress.checkDomain(domain);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--domain '" + domain + "' is not a domain name");
        }
        if (accounts.size() == 1) {
            throw new ParameterException(spec.commandLine(), "--account: give two or more accounts (or none)");
        }
        List<EmsgTarget.Account> provisioned = new ArrayList<>();
        for (String account : accounts) {
            provisioned.add(account(account, home));
        }
        EmsgTarget emsgTarget = new EmsgTarget(hostPort.host(), hostPort.port(), home, provisioned, idleTimeout);
        try (EmsgConformanceSuite suite = new EmsgConformanceSuite(emsgTarget)) {
            return report.run(
                    suite, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    private EmsgTarget.Account account(String value, String home) {
        int equals = value.indexOf('=');
        EmsgAddress address = null;
        if (equals > 0 && equals < value.length() - 1) {
            try {
                address = EmsgAddress.parse(value.substring(0, equals));
            } catch (IllegalArgumentException e) {
                address = null;
            }
        }
        if (address == null) {
            throw new ParameterException(spec.commandLine(), "--account '" + value + "' is not ADDR=KEYFILE");
        }
        if (!address.domain().equals(home)) {
            throw new ParameterException(spec.commandLine(), "--account " + address + " is not of --domain " + home);
        }
        return new EmsgTarget.Account(address, KeyFile.read(Path.of(value.substring(equals + 1))));
    }
}
