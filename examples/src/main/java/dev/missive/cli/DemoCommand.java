package dev.missive.cli;

import dev.missive.cli.emsg.EmsgDemo;
import dev.missive.cli.openmsg.OpenmsgDemo;
import dev.missive.cli.osms.OsmsDemo;
import dev.missive.cli.smp.SmpDemo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code missive demo}: every implemented protocol end to end on loopback, on the embedded default
 * store (SQLite files), with a readable transcript. Exit code 0 only if every step succeeded.
 */
@Command(
        name = "demo",
        footer = {"%nExample:", "  missive demo --data /tmp/missive-demo"},
        mixinStandardHelpOptions = true,
        description = {
            "Run every implemented protocol end to end on loopback and print a transcript.",
            "Exit code 0 only if every step succeeded."
        })
public final class DemoCommand implements Callable<Integer> {

    /** The scenarios, run in this order: one per implemented protocol. */
    static final List<DemoScenario> SCENARIOS = List.of(
            new OpenmsgDemo(), new SmpDemo(), new EmsgDemo(), new OsmsDemo(), new dev.missive.cli.mesh.MeshDemo());

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Keep the SQLite stores in DIR (default: a temporary directory, deleted afterwards).")
    private Path data;

    /** Picocli instantiates the command. */
    public DemoCommand() {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean temporary = data == null;
        Path dir = temporary ? Files.createTempDirectory("missive-demo") : Files.createDirectories(data);
        out.println("Missive demo, stores in " + dir
                + (temporary ? " (a temporary directory, deleted at the end; --data DIR keeps them)" : ""));
        int passed = 0;
        try {
            for (DemoScenario scenario : SCENARIOS) {
                out.println();
                out.println("== " + scenario.title());
                DemoContext context = new DemoContext(scenario.name(), dir, out);
                try (context) {
                    scenario.run(context);
                } catch (DemoContext.StepFailure e) {
                    err.println("demo FAILED at step '" + e.step() + "': " + e.getMessage());
                    return 1;
                } catch (Exception e) {
                    err.println("demo FAILED in " + scenario.name() + ": " + CommandFailure.reason(e));
                    return 1;
                } finally {
                    passed += context.passed();
                }
            }
            out.println("demo: all " + passed + " steps succeeded");
            return 0;
        } finally {
            out.flush();
            err.flush();
            if (temporary) {
                deleteRecursively(dir);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
