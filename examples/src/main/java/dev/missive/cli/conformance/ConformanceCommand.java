package dev.missive.cli.conformance;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code missive conformance <protocol>}: runs a protocol's documented checks against another
 * implementation (docs/conformance.md). One subcommand per protocol suite.
 */
@Command(
        name = "conformance",
        mixinStandardHelpOptions = true,
        description = "Check another implementation against a protocol's documented suite.",
        synopsisSubcommandLabel = "PROTOCOL",
        subcommands = {
            SmpConformanceCommand.class,
            OpenmsgConformanceCommand.class,
            OsmsConformanceCommand.class,
            EmsgConformanceCommand.class,
            MeshConformanceCommand.class
        })
public final class ConformanceCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Picocli instantiates the command. */
    public ConformanceCommand() {}

    /** Without a protocol there is nothing to run. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing protocol");
    }
}
