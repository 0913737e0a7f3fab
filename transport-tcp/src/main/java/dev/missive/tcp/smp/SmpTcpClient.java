package dev.missive.tcp.smp;

import dev.missive.smp.SignatureScheme;
import dev.missive.smp.client.SmpClient;
import dev.missive.smp.model.ServerAddress;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.ConnectionSettings;
import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;

/**
 * A core {@link SmpClient} on its own TCP connection. The transport mode follows the address: a
 * {@link ServerAddress} with a key hash (from an invitation) is reached with the Appendix A
 * encrypted transport and that hash is pinned; one without is reached in plain mode.
 *
 * <pre>{@code
 * try (SmpTcpClient tcp = SmpTcpClient.connect(invitation.server())) {
 *     SenderQueue queue = tcp.client().connect(invitation, "hello".getBytes(UTF_8)).join();
 * }
 * }</pre>
 */
public final class SmpTcpClient implements Closeable {

    private final SmpTcpConnection connection;
    private final SmpClient client;

    private SmpTcpClient(SmpTcpConnection connection, SmpClient client) {
        this.connection = connection;
        this.client = client;
    }

    /**
     * Connects with a secure random source, the standard signature scheme and default settings.
     *
     * @param server the server, with its key hash for the encrypted transport
     * @return the connected client
     * @throws IOException if the server cannot be reached, its key does not match, or the handshake
     *     fails
     */
    public static SmpTcpClient connect(ServerAddress server) throws IOException {
        return connect(server, RandomSource.secure(), SignatureScheme.standard(), ConnectionSettings.DEFAULTS);
    }

    /**
     * Connects, completes the transport handshake and starts reading.
     *
     * @param server the server, with its key hash for the encrypted transport
     * @param random the source of the client's keys and nonces
     * @param scheme the scheme of the queue keys the client makes
     * @param settings the connection's limits
     * @return the connected client
     * @throws IOException if the server cannot be reached, its key does not match, or the handshake fails
     */
    public static SmpTcpClient connect(
            ServerAddress server, RandomSource random, SignatureScheme scheme, ConnectionSettings settings)
            throws IOException {
        Objects.requireNonNull(server, "server");
        SmpTransportMode mode = server.keyHash() == null ? SmpTransportMode.PLAIN : SmpTransportMode.ENCRYPTED;
        SmpTcpConnection.Options options =
                new SmpTcpConnection.Options(server.host(), server.port(), mode, server.keyHash(), 0, settings, random);
        SmpTcpConnection connection = SmpTcpConnection.connect(options);
        SmpClient client = new SmpClient(server, connection.sink(), random, scheme, error -> {});
        // The session's pending requests fail with the reason the connection ended.
        connection.onClosed(client::close);
        connection.start(client::onBytes);
        return new SmpTcpClient(connection, client);
    }

    /**
     * The protocol client: queues, invitations, messages.
     *
     * @return the client
     */
    public SmpClient client() {
        return client;
    }

    /**
     * Whether the connection has closed: the client's pending and later operations then fail with
     * {@link dev.missive.smp.client.SmpConnectionClosedException}, whose cause is the reason.
     *
     * @return {@code true} once the connection has closed
     */
    public boolean isClosed() {
        return connection.isClosed();
    }

    /** Closes the connection. */
    @Override
    public void close() {
        connection.close();
    }
}
