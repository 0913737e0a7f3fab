package dev.missive.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Where a server command listens: {@code --port} (required; 0 picks a free one), {@code --host},
 * and {@code --ready-file}, which tells a script when the server accepts connections. A port
 * outside 0..65535 is a usage error (exit 2); a port that cannot be bound is a runtime failure
 * (exit 1) through {@link #cannotListen}.
 */
public final class ListenOptions {

    @Option(
            names = "--port",
            required = true,
            paramLabel = "P",
            converter = Port.class,
            description = "Port to listen on; 0 picks a free one (printed).")
    private int port;

    @Option(
            names = "--host",
            paramLabel = "H",
            defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(
            names = "--ready-file",
            paramLabel = "F",
            description = "Write H:P to F once listening (F is removed at start): a script waits with"
                    + " `until [ -s F ]; do sleep 0.1; done`.")
    private Path readyFile;

    /** Picocli instantiates the mixin. */
    public ListenOptions() {}

    /**
     * The port to bind; 0 for any free one.
     *
     * @return the port, 0 to 65535
     */
    public int port() {
        return port;
    }

    /**
     * The address to bind.
     *
     * @return the host name or IP literal
     */
    public String host() {
        return host;
    }

    /**
     * Removes a {@code --ready-file} left by an earlier run, so a script never mistakes it for this
     * run's; call before binding.
     *
     * @throws CommandFailure naming the file if it cannot be removed
     */
    public void clearReady() {
        if (readyFile != null) {
            try {
                Files.deleteIfExists(readyFile);
            } catch (IOException e) {
                throw new CommandFailure(
                        "cannot remove --ready-file " + readyFile + ": " + CommandFailure.reason(e), e);
            }
        }
    }

    /**
     * Announces that the server accepts connections on {@code boundPort}: {@code listening on H:P} on
     * {@code out}, then {@code H:P} into the {@code --ready-file}, which appears complete or not at all.
     *
     * @throws CommandFailure naming the file if it cannot be written
     * @param out where {@code listening on H:P} goes
     * @param boundPort the port actually bound (the chosen one when {@code --port 0})
     */
    public void announce(PrintWriter out, int boundPort) {
        String address = host + ":" + boundPort;
        out.println("listening on " + address);
        out.flush();
        if (readyFile != null) {
            Path partial = readyFile.resolveSibling(readyFile.getFileName() + ".partial");
            try {
                Files.writeString(partial, address + "\n", StandardCharsets.US_ASCII);
                Files.move(partial, readyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new CommandFailure("cannot write --ready-file " + readyFile + ": " + CommandFailure.reason(e), e);
            }
        }
    }

    /**
     * The report for a failed bind: the address asked for and why it was refused.
     *
     * @param e why the bind failed
     * @return the failure to throw, naming the address
     */
    public CommandFailure cannotListen(IOException e) {
        return new CommandFailure("cannot listen on " + host + ":" + port + ": " + CommandFailure.reason(e), e);
    }

    /** Parses {@code --port}: a decimal number from 0 to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port;
            try {
                port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65_535) {
                throw new TypeConversionException("'" + value + "' is not a port (expected 0 to 65535)");
            }
            return port;
        }
    }
}
