package dev.missive.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code missive version}: the SDK version and the Java runtime, one per line. */
@Command(
        name = "version",
        footer = {"%nExample:", "  missive version"},
        mixinStandardHelpOptions = true,
        description = "Print the Missive SDK version and the Java runtime.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : new SdkVersion().getVersion()) {
            out.println(line);
        }
        out.flush();
        return 0;
    }
}
