package dev.missive.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/bin/missive}, the launcher the README puts on {@code PATH}: a run with no
 * class-data sharing archive records one into a file named after its own process, and a later run
 * moves that file into place once its JVM has exited. Two JVMs never write one archive file, so none
 * maps a half-written one. It runs a copy of the launcher next to a link to the packaged jar, after
 * {@code package}.
 */
class LauncherIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void recordsTheArchiveInAFileOfItsOwnAndMovesItIntoPlaceOnceTheJvmExited(@TempDir Path dir) throws Exception {
        Path launcher = install(dir);
        Process server = start(launcher, "smp-server", "--port", "0");
        Process version;
        try {
            awaitListening(server);
            version = start(launcher, "version");
            assertVersionPrinted(version);
            assertThat(archives(dir))
                    .as("a run while another is still running records its own archive")
                    .containsExactly(archiveName(dir) + "." + version.pid());
        } finally {
            server.destroy();
            // A bound, not a synchronization: a server that does not stop fails the build.
            assertThat(server.waitFor(2, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(archives(dir))
                .as("the server recorded its own archive as it exited")
                .containsExactlyInAnyOrder(
                        archiveName(dir) + "." + version.pid(), archiveName(dir) + "." + server.pid());

        assertVersionPrinted(start(launcher, "version"));
        assertThat(archives(dir))
                .as("one archive in place, the other recorded file removed")
                .containsExactly(archiveName(dir));
    }

    private static Path install(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.createSymbolicLink(target.resolve("missive.jar"), ROOT.resolve("examples/target/missive.jar"));
        Path launcher = bin.resolve("missive");
        Files.copy(ROOT.resolve("examples/bin/missive"), launcher);
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        return launcher;
    }

    private static Process start(Path launcher, String... arguments) throws IOException {
        List<String> command = Stream.concat(Stream.of(launcher.toString()), Stream.of(arguments))
                .toList();
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    /** Reads the server's standard output up to its {@code listening on} line. */
    private static void awaitListening(Process server) throws IOException {
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = lines.readLine();
            assertThat(line).as("the server's output before it exited").isNotNull();
        } while (!line.startsWith("listening on "));
    }

    private static void assertVersionPrinted(Process process) throws Exception {
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // A bound, not a synchronization: a launcher that hangs fails the build.
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("exit code; printed:%n%s", printed).isZero();
        assertThat(printed).startsWith("missive ");
    }

    /** The archive's file name, which names the JDK as the launcher derives it. */
    private static String archiveName(Path dir) throws IOException {
        List<String> names = archives(dir).stream()
                .map(name -> name.substring(0, name.indexOf(".jsa") + ".jsa".length()))
                .distinct()
                .toList();
        assertThat(names).as("one JDK, one archive name").hasSize(1);
        return names.get(0);
    }

    private static List<String> archives(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("target"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.contains(".jsa"))
                    .toList();
        }
    }
}
