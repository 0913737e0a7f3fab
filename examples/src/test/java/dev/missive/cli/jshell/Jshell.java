package dev.missive.cli.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of {@code examples/jshell/} with the JDK's {@code jshell}, on this module's test class
 * path (the same classes the shaded jar holds), and returns what it printed. jshell keeps going after
 * a failing snippet, so this also fails on any error report in the output, and on a non-zero exit.
 */
public final class Jshell {

    private static final Path SCRIPTS = Path.of("jshell");

    private Jshell() {}

    /**
     * Runs {@code script} to its end.
     *
     * @param script the script's file name under {@code examples/jshell/}
     * @param options jshell options before the script, e.g. {@code -R-Dsmp.a=5223}
     * @return everything the script printed
     * @throws IOException if jshell cannot be started or its output read
     * @throws InterruptedException if interrupted while waiting for it
     */
    public static String run(String script, String... options) throws IOException, InterruptedException {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        Path output = Files.createTempFile("jshell-" + script, ".out");
        try {
            List<String> command = new ArrayList<>(List.of(jshell.toString()));
            command.addAll(List.of(options));
            command.addAll(List.of(
                    "--class-path",
                    System.getProperty("java.class.path"),
                    SCRIPTS.resolve(script).toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            assertThat(process.waitFor(3, TimeUnit.MINUTES))
                    .as("%s finished", script)
                    .isTrue();
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(out).isZero();
            // jshell reports a failing snippet as "|  Error:" or "|  Exception ..." and carries on.
            assertThat(out).as(out).doesNotContain("|  Error").doesNotContain("|  Exception");
            return out;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
