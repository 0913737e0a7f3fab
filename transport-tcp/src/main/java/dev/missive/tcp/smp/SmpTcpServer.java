package dev.missive.tcp.smp;

import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPublicKey;
import dev.missive.event.CloseReason;
import dev.missive.smp.ServerSession;
import dev.missive.smp.SmpServer;
import dev.missive.smp.secure.ClientHandshake;
import dev.missive.smp.secure.SecureTransport;
import dev.missive.smp.secure.SecureTransportException;
import dev.missive.smp.secure.ServerHeader;
import dev.missive.smp.secure.VersionGreeting;
import dev.missive.tcp.ConnectionHandler;
import dev.missive.tcp.EngineServerBuilder;
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
import java.util.List;
import java.util.Objects;

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
        this.tcp = b.bind(engine::cleanUp, new SmpConnections(engine, mode, b.greeting, serverKey));
        b.ready(address());
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
    public static final class Builder extends EngineServerBuilder<Builder> {

        private final SmpServer engine;
        private SmpTransportMode mode = SmpTransportMode.PLAIN;
        private boolean greeting = true;
        private RsaPrivateKey serverKey;

        private Builder(SmpServer engine) {
            super("smp", 5223);
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        @Override
        protected Builder self() {
            return this;
        }

        // The outer class cannot reach the inherited protected methods; these pass them on.
        private TcpServer bind(Runnable cleanUp, ConnectionHandler handler) throws IOException {
            return startTcp(cleanUp, handler);
        }

        private void ready(InetSocketAddress address) {
            listening(address);
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
