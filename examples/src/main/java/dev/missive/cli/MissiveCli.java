package dev.missive.cli;

import dev.missive.jdbc.StoreException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * protocol registers it with one line in {@link #COMMANDS}. Commands print their
 * results to {@code spec.commandLine().getOut()}. Exit codes: 0 success, 1 runtime failure (a
 * {@link CommandFailure}, one line on stderr), 2 usage error (one line on stderr).
 */
@Command(
        name = "missive",
        mixinStandardHelpOptions = true,
        versionProvider = SdkVersion.class,
        description = "Decentralized secure-messaging protocols: servers, nodes and operator tools.",
        synopsisSubcommandLabel = "COMMAND")
public final class MissiveCli implements Runnable {

    /**
     * Every command, in the order {@code missive --help} lists them. Not in the {@code @Command}
     * annotation: picocli would build every command's model on each start, which costs a short
     * command (an operator's {@code inbox}) more than its own work, so {@link #main} builds only
     * the one it runs.
     */
    static final List<Class<?>> COMMANDS = List.of(
            VersionCommand.class,
            DemoCommand.class,
            dev.missive.cli.openmsg.OpenmsgNodeCommand.class,
            dev.missive.cli.openmsg.OpenmsgCommand.class,
            dev.missive.cli.smp.SmpServerCommand.class,
            dev.missive.cli.emsg.EmsgServerCommand.class,
            dev.missive.cli.emsg.EmsgCommand.class,
            dev.missive.cli.osms.OsmsServerCommand.class,
            dev.missive.cli.osms.OsmsCommand.class,
            dev.missive.cli.mesh.MeshServerCommand.class,
            dev.missive.cli.mesh.MeshCommand.class,
            dev.missive.cli.conformance.ConformanceCommand.class,
            CommandLine.HelpCommand.class);

    @Spec
    private CommandSpec spec;

    /** Picocli instantiates the command. */
    public MissiveCli() {}

    /**
     * Builds the command line with every registered command, ready to {@code execute}.
     *
     * @return the {@code missive} command with all of its commands
     */
    public static CommandLine commandLine() {
        return commandLine(COMMANDS);
    }

    /**
     * Builds the command line that {@code args} need: only the command they name when they name
     * one (the others' models are never built), else every command, so that help, suggestions for
     * a mistyped name and {@code missive help COMMAND} see them all.
     *
     * @param args the command line's arguments
     * @return the {@code missive} command, ready to {@code execute(args)}
     */
    public static CommandLine commandLineFor(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return commandLine(List.of());
        }
        if (args.length > 0) {
            for (Class<?> command : COMMANDS) {
                if (command != CommandLine.HelpCommand.class
                        && command.getAnnotation(Command.class).name().equals(args[0])) {
                    return commandLine(List.of(command));
                }
            }
        }
        return commandLine();
    }

    private static CommandLine commandLine(List<Class<?>> commands) {
        CommandLine cli = new CommandLine(new MissiveCli());
        commands.forEach(cli::addSubcommand);
        listExitCodes(cli);
        cli.setParameterExceptionHandler(MissiveCli::reportUsageError);
        cli.setExecutionExceptionHandler(MissiveCli::reportFailure);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /** The same exit codes, the same words, at the end of every command's help. */
    private static void listExitCodes(CommandLine command) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "success");
        codes.put("1", "failure: the reason is one line on stderr");
        codes.put("2", "usage error: a missing or bad option, with the value, on stderr");
        command.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(codes);
        command.getSubcommands().values().forEach(MissiveCli::listExitCodes);
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

    /**
     * Runs the command named by {@code args} and exits with its exit code.
     *
     * @param args the command and its options, e.g. {@code openmsg inbox --store sqlite:b.db --user 2000000}
     */
    public static void main(String[] args) {
        System.exit(commandLineFor(args).execute(args));
    }

    /** Without a command there is nothing to do: show the usage as an error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }
}
