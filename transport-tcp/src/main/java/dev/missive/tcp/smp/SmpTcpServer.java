package dev.missive.tcp.smp;

import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPublicKey;
import dev.missive.smp.ServerSession;
import dev.missive.smp.SmpServer;
import dev.missive.smp.secure.ClientHandshake;
import dev.missive.smp.secure.SecureTransport;
import dev.missive.smp.secure.SecureTransportException;
import dev.missive.smp.secure.ServerHeader;
import dev.missive.smp.secure.VersionGreeting;
import dev.missive.tcp.ConnectionSettings;
import dev.missive.tcp.FramedConnection;
import dev.missive.tcp.WireCodec;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an {@link SmpServer} engine over TCP: a blocking {@link ServerSocket}, one virtual thread
 * per connection reading and one writing (see {@link FramedConnection}), a bound on concurrent
 * connections (extra ones are closed at once), idle and handshake timeouts.
 *
 * <p>{@link SmpTransportMode#PLAIN} speaks the seed dialect on the socket, preceded by the 2020
 * reference server's {@code Welcome to SMP} CRLF greeting unless disabled.
 * {@link SmpTransportMode#ENCRYPTED} runs the Appendix A handshake with the configured RSA key, then
 * sends {@link VersionGreeting#CURRENT} as the first line of the encrypted stream.
 *
 * <pre>{@code
 * try (SmpTcpServer tcp = SmpTcpServer.builder(engine).port(5223).start()) {
 *     System.out.println("listening on " + tcp.address());
 * }
 * }</pre>
 */
public final class SmpTcpServer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SmpTcpServer.class);
    private static final long ACCEPT_BACKOFF_MILLIS = 100;

    private final SmpServer engine;
    private final SmpTransportMode mode;
    private final boolean greeting;
    private final RsaPrivateKey serverKey;
    private final byte[] header;
    private final int handshakeLength;
    private final ConnectionSettings settings;
    private final Semaphore slots;
    private final ServerSocket listener;
    private final Set<FramedConnection> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private SmpTcpServer(Builder b) throws IOException {
        this.engine = b.engine;
        this.mode = b.mode;
        this.greeting = b.greeting;
        this.serverKey = b.serverKey;
        this.settings = b.settings;
        this.slots = new Semaphore(b.maxConnections);
        if (mode == SmpTransportMode.ENCRYPTED) {
            RsaPublicKey publicKey = serverKey.publicKey();
            this.header = new ServerHeader(SecureTransport.DEFAULT_BLOCK_SIZE, publicKey).encode();
            this.handshakeLength = ClientHandshake.ciphertextLength(publicKey);
        } else {
            this.header = null;
            this.handshakeLength = 0;
        }
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getByName(b.host), b.port), b.backlog);
        this.acceptor = Thread.ofVirtual().name("missive-smp-accept").start(this::acceptLoop);
        b.onListening.accept(address());
    }

    /** Starts configuring a server for {@code engine}. */
    public static Builder builder(SmpServer engine) {
        return new Builder(engine);
    }

    /** The bound address (with the actual port when 0 was asked for). */
    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /** The transport mode. */
    public SmpTransportMode mode() {
        return mode;
    }

    /**
     * SHA-256 of the server key's SPKI DER, which clients pin (encrypted mode only).
     *
     * @throws IllegalStateException in plain mode
     */
    public byte[] keyHash() {
        if (serverKey == null) {
            throw new IllegalStateException("plain mode has no server key");
        }
        return ServerHeader.keyHash(serverKey.publicKey());
    }

    /** Connections currently open. */
    public int connectionCount() {
        return connections.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // Typically out of file descriptors: back off instead of spinning on accept.
                LOG.warn("accept failed: {}", e.toString());
                try {
                    Thread.sleep(ACCEPT_BACKOFF_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                LOG.debug("refusing {}: connection limit reached", socket.getRemoteSocketAddress());
                closeQuietly(socket);
                continue;
            }
            Thread.ofVirtual().name("missive-smp-conn").start(() -> {
                try {
                    serve(socket);
                } finally {
                    slots.release();
                }
            });
        }
    }

    private void serve(Socket socket) {
        FramedConnection connection;
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) settings.handshakeTimeout().toMillis());
            connection = switch (mode) {
                case PLAIN -> new FramedConnection(socket, WireCodec.plain(), settings,
                        greeting ? List.of(SmpGreetings.PLAIN_LINE) : List.of());
                case ENCRYPTED -> new FramedConnection(socket, new BlockCodec(handshake(socket).serverStreams()),
                        settings, List.of(VersionGreeting.CURRENT.line()));
            };
        } catch (IOException | SecureTransportException e) {
            LOG.debug("handshake with {} failed: {}", socket.getRemoteSocketAddress(), e.toString());
            closeQuietly(socket);
            return;
        } catch (RuntimeException e) {
            // A bug, not bad input: log it, but never leave the socket open on a dead thread.
            LOG.warn("setting up the connection from {} failed", socket.getRemoteSocketAddress(), e);
            closeQuietly(socket);
            return;
        }
        connections.add(connection);
        if (closed) {
            connection.close();
        }
        ServerSession session = engine.openSession(connection::send);
        connection.onClose(session::close);
        connection.onClose(() -> connections.remove(connection));
        // The seed has no PING: a subscriber may rightly wait for MSG longer than the idle timeout.
        connection.run(session::onBytes, () -> session.subscriptionCount() > 0);
    }

    private ClientHandshake handshake(Socket socket) throws IOException, SecureTransportException {
        OutputStream out = socket.getOutputStream();
        out.write(header);
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] ciphertext = in.readNBytes(handshakeLength);
        if (ciphertext.length != handshakeLength) {
            throw new IOException("connection closed during the handshake");
        }
        return ClientHandshake.decrypt(serverKey, ciphertext);
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("listener close failed: {}", e.toString());
        }
        connections.forEach(FramedConnection::close);
        acceptor.interrupt();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("socket close failed: {}", e.toString());
        }
    }

    /** Configures and starts an {@link SmpTcpServer}. */
    public static final class Builder {

        private final SmpServer engine;
        private String host = "127.0.0.1";
        private int port = 5223;
        private int backlog = 1024;
        private SmpTransportMode mode = SmpTransportMode.PLAIN;
        private boolean greeting = true;
        private RsaPrivateKey serverKey;
        private ConnectionSettings settings = ConnectionSettings.DEFAULTS;
        private int maxConnections = 20_000;
        private Consumer<InetSocketAddress> onListening = address -> { };

        private Builder(SmpServer engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /** Address to bind (default {@code 127.0.0.1}). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port to bind; 0 picks a free one (default 5223, the SMP port). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range");
            }
            this.port = port;
            return this;
        }

        /** Listen backlog (default 1,024). */
        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /** Plain mode (default), optionally without the {@code Welcome to SMP} greeting. */
        public Builder plain(boolean sendGreeting) {
            this.mode = SmpTransportMode.PLAIN;
            this.greeting = sendGreeting;
            this.serverKey = null;
            return this;
        }

        /** Appendix A mode with this RSA server key (clients pin SHA-256 of its public SPKI). */
        public Builder encrypted(RsaPrivateKey key) {
            this.mode = SmpTransportMode.ENCRYPTED;
            this.serverKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Per-connection limits. */
        public Builder settings(ConnectionSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Most connections open at once (default 20,000); more are closed right after accept. */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnections must be positive");
            }
            this.maxConnections = max;
            return this;
        }

        /** Called once with the bound address when the server is ready. */
        public Builder onListening(Consumer<InetSocketAddress> callback) {
            this.onListening = Objects.requireNonNull(callback, "callback");
            return this;
        }

        /** Binds and starts accepting. */
        public SmpTcpServer start() throws IOException {
            return new SmpTcpServer(this);
        }
    }
}
