package dev.missive.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    /** A bound, not a synchronization: a process that hangs fails the build. */
    private static final long BOUND_MINUTES = 2;

    @Test
    void recordsTheArchiveInAFileOfItsOwnAndMovesItIntoPlaceOnceTheJvmExited(@TempDir Path dir) throws Exception {
        Path launcher = install(dir);
        Files.writeString(dir.resolve("target/missive.jsa"), "an archive of an earlier launcher");
        Process server = start(launcher, dir, "server", "smp-server", "--port", "0");
        Process version;
        try {
            awaitListening(server, dir);
            version = start(launcher, dir, "version", "version");
            assertVersionPrinted(version, dir, "version");
            assertThat(archives(dir))
                    .as("a run while another is still running records its own archive; the earlier one is gone")
                    .containsExactly(archiveName(dir) + "." + version.pid());
        } finally {
            server.destroy();
            if (!server.waitFor(BOUND_MINUTES, TimeUnit.MINUTES)) {
                server.destroyForcibly();
            }
        }
        assertThat(server.isAlive()).as("the server stopped").isFalse();
        assertThat(archives(dir))
                .as("the server recorded its own archive as it exited")
                .containsExactlyInAnyOrder(
                        archiveName(dir) + "." + version.pid(), archiveName(dir) + "." + server.pid());

        assertVersionPrinted(start(launcher, dir, "version-again", "version"), dir, "version-again");
        assertThat(archives(dir))
                .as("one archive in place, the other recorded file removed")
                .containsExactly(archiveName(dir));

        // The JVM maps the archive: with -Xshare:on it refuses to start on one it cannot use.
        Process mapped = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:SharedArchiveFile=" + dir.resolve("target").resolve(archiveName(dir)),
                        "-Xshare:on",
                        "-jar",
                        dir.resolve("target/missive.jar").toString(),
                        "version")
                .redirectOutput(dir.resolve("mapped.out").toFile())
                .redirectError(dir.resolve("mapped.err").toFile())
                .start();
        assertVersionPrinted(mapped, dir, "mapped");
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

    /**
     * Starts the launcher with {@code arguments}; its standard error goes to {@code <name>.err}, and
     * its standard output to {@code <name>.out} except for the server, whose output the test reads.
     */
    private static Process start(Path launcher, Path dir, String name, String... arguments) throws IOException {
        List<String> command = Stream.concat(Stream.of(launcher.toString()), Stream.of(arguments))
                .toList();
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(dir.resolve(name + ".err").toFile());
        if (!name.equals("server")) {
            builder.redirectOutput(dir.resolve(name + ".out").toFile());
        }
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    /** Reads the server's standard output up to its {@code listening on} line. */
    private static void awaitListening(Process server, Path dir) throws Exception {
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        boolean listening = CompletableFuture.supplyAsync(() -> {
                    try {
                        for (String line; (line = lines.readLine()) != null; ) {
                            if (line.startsWith("listening on ")) {
                                return true;
                            }
                        }
                        return false;
                    } catch (IOException e) {
                        return false;
                    }
                })
                .get(BOUND_MINUTES, TimeUnit.MINUTES);
        assertThat(listening)
                .as("the server listens; it printed on stderr:%n%s", printed(dir, "server"))
                .isTrue();
    }

    private static void assertVersionPrinted(Process process, Path dir, String name) throws Exception {
        if (!process.waitFor(BOUND_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        assertThat(process.isAlive()).as("%s ended", name).isFalse();
        String printed = Files.readString(dir.resolve(name + ".out"));
        assertThat(process.exitValue())
                .as("exit code of %s; printed:%n%s%s", name, printed, printed(dir, name))
                .isZero();
        assertThat(printed).startsWith("missive ");
    }

    private static String printed(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".err");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** The archive's file name, which names the jar and the JDK as the launcher derives it. */
    private static String archiveName(Path dir) throws IOException {
        List<String> names = archives(dir).stream()
                .map(name -> name.substring(0, name.indexOf(".jsa") + ".jsa".length()))
                .distinct()
                .toList();
        assertThat(names).as("one jar and JDK, one archive name").hasSize(1);
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
