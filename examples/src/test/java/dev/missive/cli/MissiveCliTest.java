package dev.missive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MissiveCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void versionPrintsTheSdkAndTheJdk() {
        assertThat(run("version")).isZero();
        String[] lines = out.toString().split("\\R");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("missive \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(lines[1]).contains(Runtime.version().toString()).contains(System.getProperty("java.vendor"));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void versionOptionMatchesVersionCommand() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("missive " + SdkVersion.sdk());
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: missive")
                .contains("version")
                .contains("help");
    }

    @Test
    void aNamedCommandIsTheOnlyOneBuiltAndEveryCommandCanBeNamed() {
        for (Class<?> command : MissiveCli.COMMANDS) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            if (command == CommandLine.HelpCommand.class) {
                continue;
            }
            assertThat(MissiveCli.commandLineFor(name, "--help").getSubcommands())
                    .as(name)
                    .containsOnlyKeys(name);
        }
        assertThat(MissiveCli.commandLineFor("help", "openmsg").getSubcommands())
                .as("help shows any command, so it sees them all")
                .hasSameSizeAs(MissiveCli.COMMANDS);
        assertThat(MissiveCli.commandLineFor("no-such-command").getSubcommands())
                .as("a mistyped name gets suggestions from every command")
                .hasSameSizeAs(MissiveCli.COMMANDS);
    }

    @Test
    void everyCommandsHelpShowsAnExampleOfItselfAndTheExitCodes() {
        List<String> problems = new ArrayList<>();
        checkHelp(MissiveCli.commandLine(), problems);
        assertThat(problems).isEmpty();
    }

    /** Each command: an example that runs it, the exit codes, options named alike ({@code FILE}, not {@code <keyFile>}). */
    private static void checkHelp(CommandLine command, List<String> problems) {
        String name = command.getCommandSpec().qualifiedName();
        String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        if (command.getSubcommands().isEmpty() && !(command.getCommand() instanceof CommandLine.HelpCommand)) {
            if (!help.contains("Example:" + System.lineSeparator() + "  " + name + " ")
                    && !help.endsWith("Example:" + System.lineSeparator() + "  " + name + System.lineSeparator())) {
                problems.add(name + ": no example that runs it");
            }
        }
        if (!help.contains("Exit codes:")) {
            problems.add(name + ": no exit codes");
        }
        command.getCommandSpec().options().stream()
                .filter(option ->
                        option.arity().max() > 0 && option.paramLabel().startsWith("<"))
                .forEach(option -> problems.add(name + " " + option.longestName() + ": label " + option.paramLabel()));
        command.getSubcommands().values().forEach(sub -> checkHelp(sub, problems));
    }

    @Test
    void unknownCommandFailsWithTheReasonOnStderr() {
        assertThat(run("no-such-command")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("no-such-command");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aStoreThatCannotBeOpenedIsOneLineOnStderrNotAStackTrace(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.createFile(dir.resolve("file"));
        // A server creates its store; here it cannot.
        int exit = run(
                "openmsg-node",
                "--domain",
                "a.example",
                "--port",
                "0",
                "--store",
                "sqlite:" + notADirectory.resolve("node.db"));
        assertThat(exit).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString().lines().toList())
                .singleElement()
                .asString()
                .startsWith("missive openmsg-node: cannot open store sqlite:" + notADirectory.resolve("node.db"))
                .contains("cannot create the directory of the SQLite database")
                .doesNotContain("Exception");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void noCommandFailsWithUsageOnStderr() {
        assertThat(run()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing command").contains("Usage: missive");
    }
}
