package dev.missive.cli;

import java.io.IOException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Where a server command listens: {@code --port} (required; 0 picks a free one) and
 * {@code --host}. A port outside 0..65535 is a usage error (exit 2); a port that cannot be bound
 * is a runtime failure (exit 1) through {@link #cannotListen}.
 */
public final class ListenOptions {

    @Option(names = "--port", required = true, paramLabel = "P", converter = Port.class,
            description = "Port to listen on; 0 picks a free one (printed).")
    private int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    /** Picocli instantiates the mixin. */
    public ListenOptions() {}

    /** The port to bind; 0 for any free one. */
    public int port() {
        return port;
    }

    /** The address to bind. */
    public String host() {
        return host;
    }

    /** The report for a failed bind: the address asked for and why it was refused. */
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
