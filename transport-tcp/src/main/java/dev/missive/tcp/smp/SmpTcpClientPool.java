package dev.missive.tcp.smp;

import dev.missive.smp.SignatureScheme;
import dev.missive.smp.client.SmpClient;
import dev.missive.smp.model.ServerAddress;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.ConnectionSettings;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One open {@link SmpTcpClient} per server address, opened on first use and replaced once closed.
 * It is the {@code clients} function that {@link dev.missive.smp.client.DuplexConnection} asks for a
 * connection to the peer's server.
 */
public final class SmpTcpClientPool implements Function<ServerAddress, SmpClient>, Closeable {

    private final Map<ServerAddress, SmpTcpClient> open = new ConcurrentHashMap<>();
    private final RandomSource random;
    private final SignatureScheme scheme;
    private final ConnectionSettings settings;

    /** A pool with a secure random source, the standard scheme and default settings. */
    public SmpTcpClientPool() {
        this(RandomSource.secure(), SignatureScheme.standard(), ConnectionSettings.DEFAULTS);
    }

    /**
     * A pool whose connections use these.
     *
     * @param random the source of the clients' keys and nonces
     * @param scheme the scheme of the queue keys the clients make
     * @param settings the limits of each connection
     */
    public SmpTcpClientPool(RandomSource random, SignatureScheme scheme, ConnectionSettings settings) {
        this.random = random;
        this.scheme = scheme;
        this.settings = settings;
    }

    /**
     * The client connected to {@code server}, connecting if needed.
     *
     * @throws UncheckedIOException if the connection fails
     */
    @Override
    public SmpClient apply(ServerAddress server) {
        return open.compute(server, (address, current) -> {
                    if (current != null && !current.isClosed()) {
                        return current;
                    }
                    try {
                        return SmpTcpClient.connect(address, random, scheme, settings);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot connect to " + address, e);
                    }
                })
                .client();
    }

    /** Closes every connection. */
    @Override
    public void close() {
        open.values().forEach(SmpTcpClient::close);
        open.clear();
    }
}
