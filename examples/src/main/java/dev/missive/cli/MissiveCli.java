package dev.missive.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code missive} command: the protocols' servers, nodes and operator commands behind one
 * executable jar.
 *
 * <p>Each command is a picocli {@code @Command} class in {@code dev.missive.cli.<protocol>}; a
 * protocol registers it with one line in the {@code subcommands} list below. Commands print their
 * results to {@code spec.commandLine().getOut()}, report failures on {@code getErr()} and return a
 * non-zero exit code for them.
 */
@Command(
        name = "missive",
        mixinStandardHelpOptions = true,
        versionProvider = SdkVersion.class,
        description = "Decentralized secure-messaging protocols: servers, nodes and operator tools.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            VersionCommand.class,
            dev.missive.cli.smp.SmpServerCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class MissiveCli implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Picocli instantiates the command. */
    public MissiveCli() {}

    /** Builds the command line with every registered command, ready to {@code execute}. */
    public static CommandLine commandLine() {
        return new CommandLine(new MissiveCli());
    }

    /** Runs the command named by {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Without a command there is nothing to do: show the usage as an error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }
}
