package dev.missive.crash;

import static org.awaitility.Awaitility.await;

import dev.missive.cli.MissiveCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code missive} node in its own JVM, on this test's class path, with its standard output and error
 * in files (so a full pipe never stalls it and a failure can show what it printed). The crash harness and
 * the multi-instance tests ({@code dev.missive.cluster}) start their nodes with it.
 */
public final class NodeProcess {

    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path out;
    private final Path err;
    private final InetSocketAddress address;

    private NodeProcess(Process process, Path out, Path err, InetSocketAddress address) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.address = address;
    }

    /**
     * Starts {@code missive <arguments>} and waits for its {@code listening on H:P} line.
     *
     * @param logs where the node's output files go ({@code <name>.out}, {@code <name>.err})
     */
    public static NodeProcess start(List<String> arguments, Path logs, String name)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small and quick to start: the node is started and killed many times per run.
        command.addAll(List.of(
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path")));
        command.add(MissiveCli.class.getName());
        command.addAll(arguments);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        NodeProcess starting = new NodeProcess(process, out, err, null);
        await().atMost(START_TIMEOUT)
                .until(() -> LISTENING.matcher(starting.stdout()).find() || !process.isAlive());
        Matcher listening = LISTENING.matcher(starting.stdout());
        if (!listening.find()) {
            throw new AssertionError("node " + name + " exited with " + process.waitFor()
                    + " before listening; stderr:\n" + starting.stderr());
        }
        return new NodeProcess(
                process, out, err, new InetSocketAddress(listening.group(1), Integer.parseInt(listening.group(2))));
    }

    /** Where the node listens. */
    public InetSocketAddress address() {
        return address;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL (on Linux): no shutdown hook runs, nothing is flushed or closed. Returns once it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("node did not die after SIGKILL");
        }
    }

    /** SIGTERM: the node's shutdown hooks close its listener and store. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    public String stdout() {
        return read(out);
    }

    public String stderr() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A free port below the usual ephemeral range (32768 and up on Linux), for a node that must come
     * back on the same port after every kill (its peer, its origin or its clients name it); a port from the
     * ephemeral range could meanwhile be taken as the source port of any outgoing connection, or be
     * handed out again to the peer's own port lookup.
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (BindException taken) {
                // try another
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }
}
