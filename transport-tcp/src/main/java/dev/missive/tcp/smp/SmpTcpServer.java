package dev.missive.tcp.smp;

import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPublicKey;
import dev.missive.event.CloseReason;
import dev.missive.event.EventListener;
import dev.missive.smp.ServerSession;
import dev.missive.smp.SmpServer;
import dev.missive.smp.secure.ClientHandshake;
import dev.missive.smp.secure.SecureTransport;
import dev.missive.smp.secure.SecureTransportException;
import dev.missive.smp.secure.ServerHeader;
import dev.missive.smp.secure.VersionGreeting;
import dev.missive.tcp.ConnectionHandler;
import dev.missive.tcp.ConnectionSettings;
import dev.missive.tcp.FramedConnection;
import dev.missive.tcp.HandshakeException;
import dev.missive.tcp.TcpServer;
import dev.missive.tcp.WireCodec;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Serves an {@link SmpServer} engine over TCP: the SMP adapter on a {@link TcpServer} (accept loop
 * on virtual threads, connection bound, handshake and idle timeouts, connection events, orderly
 * close). It also runs the engine's clean-up every {@link Builder#cleanUpInterval cleanUpInterval}
 * until it closes.
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

    private final SmpTransportMode mode;
    private final RsaPrivateKey serverKey;
    private final TcpServer tcp;

    private SmpTcpServer(Builder b) throws IOException {
        this.mode = b.mode;
        this.serverKey = b.serverKey;
        SmpServer engine = b.engine;
        // Expiry is data, not a timer in the engine: the host sweeps.
        this.tcp = b.tcp.periodicTask(b.cleanUpInterval, engine::cleanUp)
                .start(new SmpConnections(engine, mode, b.greeting, serverKey));
        b.onListening.accept(address());
    }

    /**
     * Starts configuring a server for {@code engine}.
     *
     * @param engine the engine to serve
     * @return a new builder
     */
    public static Builder builder(SmpServer engine) {
        return new Builder(engine);
    }

    /**
     * The bound address (with the actual port when 0 was asked for).
     *
     * @return the bound address
     */
    public InetSocketAddress address() {
        return tcp.address();
    }

    /**
     * The transport mode.
     *
     * @return the mode
     */
    public SmpTransportMode mode() {
        return mode;
    }

    /**
     * SHA-256 of the server key's SPKI DER, which clients pin (encrypted mode only).
     *
     * @return a copy of the 32-byte hash
     * @throws IllegalStateException in plain mode
     */
    public byte[] keyHash() {
        if (serverKey == null) {
            throw new IllegalStateException("plain mode has no server key");
        }
        return ServerHeader.keyHash(serverKey.publicKey());
    }

    /**
     * Connections currently open, those still in their handshake included.
     *
     * @return the number of open connections
     */
    public int connectionCount() {
        return tcp.connectionCount();
    }

    /**
     * Stops the clean-up and accepting, closes every connection and waits for their sessions to
     * close (see {@link TcpServer#close()}).
     */
    @Override
    public void close() {
        tcp.close();
    }

    /** The SMP side of each connection: the transport handshake, then an engine session. */
    private static final class SmpConnections implements ConnectionHandler {

        private final SmpServer engine;
        private final SmpTransportMode mode;
        private final boolean greeting;
        private final RsaPrivateKey serverKey;
        private final byte[] header;
        private final int handshakeLength;

        SmpConnections(SmpServer engine, SmpTransportMode mode, boolean greeting, RsaPrivateKey serverKey) {
            this.engine = engine;
            this.mode = mode;
            this.greeting = greeting;
            this.serverKey = serverKey;
            if (mode == SmpTransportMode.ENCRYPTED) {
                RsaPublicKey publicKey = serverKey.publicKey();
                this.header = new ServerHeader(SecureTransport.DEFAULT_BLOCK_SIZE, publicKey).encode();
                this.handshakeLength = ClientHandshake.ciphertextLength(publicKey);
            } else {
                this.header = null;
                this.handshakeLength = 0;
            }
        }

        @Override
        public Framing handshake(InputStream in, OutputStream out) throws IOException {
            return switch (mode) {
                case PLAIN -> new Framing(WireCodec.plain(), greeting ? List.of(SmpGreetings.PLAIN_LINE) : List.of());
                case ENCRYPTED ->
                    new Framing(
                            new BlockCodec(appendixA(in, out).serverStreams()),
                            List.of(VersionGreeting.CURRENT.line()));
            };
        }

        private ClientHandshake appendixA(InputStream in, OutputStream out) throws IOException {
            out.write(header);
            out.flush();
            byte[] ciphertext = in.readNBytes(handshakeLength);
            if (ciphertext.length != handshakeLength) {
                throw new EOFException("connection closed during the handshake");
            }
            try {
                return ClientHandshake.decrypt(serverKey, ciphertext);
            } catch (SecureTransportException e) {
                throw new HandshakeException("secure transport handshake failed: " + e.reason(), e);
            }
        }

        @Override
        public Session open(FramedConnection connection) {
            ServerSession session = engine.openSession(connection::send);
            return new Session() {
                @Override
                public void accept(byte[] bytes, int off, int len) {
                    session.onBytes(bytes, off, len);
                }

                // The seed has no PING: a subscriber may rightly wait for MSG longer than the idle timeout.
                @Override
                public boolean waitingOnPurpose() {
                    return session.subscriptionCount() > 0;
                }

                @Override
                public void closed(CloseReason reason) {
                    session.close();
                }
            };
        }
    }

    /** Configures and starts an {@link SmpTcpServer}. */
    public static final class Builder {

        private final SmpServer engine;
        private final TcpServer.Builder tcp = TcpServer.builder("smp").port(5223);
        private SmpTransportMode mode = SmpTransportMode.PLAIN;
        private boolean greeting = true;
        private RsaPrivateKey serverKey;
        private Duration cleanUpInterval = Duration.ofMinutes(1);
        private Consumer<InetSocketAddress> onListening = address -> {};

        private Builder(SmpServer engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /**
         * Address to bind (default {@code 127.0.0.1}).
         *
         * @param host the host name or IP literal of the local interface; {@code 0.0.0.0} for all
         * @return this builder
         */
        public Builder host(String host) {
            tcp.host(host);
            return this;
        }

        /**
         * Port to bind; 0 picks a free one (default 5223, the SMP port).
         *
         * @param port the TCP port, 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            tcp.port(port);
            return this;
        }

        /**
         * Listen backlog (default 1,024).
         *
         * @param backlog the most pending connections the operating system queues
         * @return this builder
         */
        public Builder backlog(int backlog) {
            tcp.backlog(backlog);
            return this;
        }

        /**
         * Plain mode (default), optionally without the {@code Welcome to SMP} greeting.
         *
         * @param sendGreeting {@code false} to send nothing before the client's first transmission
         * @return this builder
         */
        public Builder plain(boolean sendGreeting) {
            this.mode = SmpTransportMode.PLAIN;
            this.greeting = sendGreeting;
            this.serverKey = null;
            return this;
        }

        /**
         * Appendix A mode with this RSA server key (clients pin SHA-256 of its public SPKI).
         *
         * @param key the server's RSA private key; it decrypts the clients' handshakes
         * @return this builder
         */
        public Builder encrypted(RsaPrivateKey key) {
            this.mode = SmpTransportMode.ENCRYPTED;
            this.serverKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Per-connection limits.
         *
         * @param settings the limits
         * @return this builder
         */
        public Builder settings(ConnectionSettings settings) {
            tcp.settings(settings);
            return this;
        }

        /**
         * Most connections open at once (default 20,000); more are closed right after accept.
         *
         * @param max the connection limit; positive
         * @return this builder
         */
        public Builder maxConnections(int max) {
            tcp.maxConnections(max);
            return this;
        }

        /**
         * Receives the connection events, protocol {@code "smp"} (default none).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder eventListener(EventListener listener) {
            tcp.eventListener(listener);
            return this;
        }

        /**
         * How often the engine's expired state is cleaned up (default one minute; {@link #start()}
         * refuses one under a millisecond).
         *
         * @param interval the time between two clean-ups
         * @return this builder
         */
        public Builder cleanUpInterval(Duration interval) {
            this.cleanUpInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Called once with the bound address when the server is ready.
         *
         * @param callback receives the bound address
         * @return this builder
         */
        public Builder onListening(Consumer<InetSocketAddress> callback) {
            this.onListening = Objects.requireNonNull(callback, "callback");
            return this;
        }

        /**
         * Binds and starts accepting.
         *
         * @return the running server; close it to stop
         * @throws IOException if the address cannot be bound
         */
        public SmpTcpServer start() throws IOException {
            return new SmpTcpServer(this);
        }
    }
}
