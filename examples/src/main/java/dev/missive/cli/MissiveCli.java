package dev.missive.cli;

import dev.missive.jdbc.StoreException;
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
 * results to {@code spec.commandLine().getOut()}. Exit codes: 0 success, 1 runtime failure (a
 * {@link CommandFailure}, one line on stderr), 2 usage error (one line on stderr).
 */
@Command(
        name = "missive",
        mixinStandardHelpOptions = true,
        versionProvider = SdkVersion.class,
        description = "Decentralized secure-messaging protocols: servers, nodes and operator tools.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            VersionCommand.class,
            DemoCommand.class,
            dev.missive.cli.openmsg.OpenmsgNodeCommand.class,
            dev.missive.cli.openmsg.OpenmsgCommand.class,
            dev.missive.cli.smp.SmpServerCommand.class,
            dev.missive.cli.emsg.EmsgServerCommand.class,
            dev.missive.cli.emsg.EmsgCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class MissiveCli implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Picocli instantiates the command. */
    public MissiveCli() {}

    /** Builds the command line with every registered command, ready to {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MissiveCli());
        cli.setParameterExceptionHandler(MissiveCli::reportUsageError);
        cli.setExecutionExceptionHandler(MissiveCli::reportFailure);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /**
     * A usage error (unknown option, bad value, a command group without its command): one line
     * {@code missive <command>: <reason>} on stderr and exit code 2. A command group also shows its
     * usage, which lists the commands it has.
     */
    private static int reportUsageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        report(command, e.getMessage());
        if (!command.getSubcommands().isEmpty()) {
            command.usage(command.getErr());
        }
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * A failure the command did not handle itself: one line on stderr and exit code 1, never a
     * stack trace. A {@link CommandFailure} or a store failure is expected and reported by its
     * message alone; anything else is a bug, reported with its type to make it recognizable.
     */
    private static int reportFailure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        boolean expected = e instanceof CommandFailure || e instanceof StoreException;
        report(command, expected ? CommandFailure.reason(e) : e.toString());
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    /** {@code missive <command>: <reason>} as one line, whatever line breaks the reason holds. */
    private static void report(CommandLine command, String reason) {
        command.getErr()
                .println(command.getCommandSpec().qualifiedName() + ": "
                        + String.valueOf(reason).strip().replaceAll("\\s*\\R\\s*", " "));
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
