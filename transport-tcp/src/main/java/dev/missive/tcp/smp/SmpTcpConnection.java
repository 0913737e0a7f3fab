package dev.missive.tcp.smp;

import dev.missive.smp.TransmissionSink;
import dev.missive.smp.secure.ClientHandshake;
import dev.missive.smp.secure.SecureTransport;
import dev.missive.smp.secure.SecureTransportException;
import dev.missive.smp.secure.ServerHeader;
import dev.missive.smp.secure.VersionGreeting;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.ByteSink;
import dev.missive.tcp.ConnectionSettings;
import dev.missive.tcp.FramedConnection;
import dev.missive.tcp.GreetingFilter;
import dev.missive.tcp.WireCodec;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The client end of an SMP TCP connection. {@link #connect} connects and, in encrypted mode, checks the
 * server key against the pinned SHA-256 and sends the Appendix A handshake; {@link #start} then
 * feeds everything the server sends — after its greeting line, which is checked and dropped — to a
 * sans-I/O client session, while {@link #sink()} carries the session's transmissions to the server.
 *
 * <pre>{@code
 * SmpTcpConnection tcp = SmpTcpConnection.connect("127.0.0.1", 5223, SmpTransportMode.ENCRYPTED, keyHash);
 * ClientSession session = new ClientSession(tcp.sink(), listener);
 * tcp.start(session::onBytes);
 * }</pre>
 */
public final class SmpTcpConnection implements Closeable {

    /**
     * Where and how to connect.
     *
     * @param host server host
     * @param port server port
     * @param mode transport mode; must match the server's
     * @param expectedKeyHash SHA-256 of the server key's SPKI DER (required in encrypted mode, from the invitation)
     * @param blockSize block size to ask for in encrypted mode ({@link SecureTransport#ALLOWED_BLOCK_SIZES}),
     *     0 to take the server's
     * @param settings timeouts and outbox bound
     * @param random source of the session keys and IVs
     */
    public record Options(
            String host,
            int port,
            SmpTransportMode mode,
            byte[] expectedKeyHash,
            int blockSize,
            ConnectionSettings settings,
            RandomSource random) {

        /** Validates and copies the key hash. */
        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(random, "random");
            if (mode == SmpTransportMode.ENCRYPTED && (expectedKeyHash == null || expectedKeyHash.length != 32)) {
                throw new IllegalArgumentException("encrypted mode needs the 32-byte SHA-256 of the server key");
            }
            if (blockSize != 0 && !SecureTransport.isAllowedBlockSize(blockSize)) {
                throw new IllegalArgumentException("block size " + blockSize + " is not allowed");
            }
            expectedKeyHash = expectedKeyHash == null ? null : expectedKeyHash.clone();
        }

        /**
         * Plain mode with default settings.
         *
         * @param host the server's host name or IP literal
         * @param port the server's port
         * @return the options
         */
        public static Options plain(String host, int port) {
            return new Options(
                    host, port, SmpTransportMode.PLAIN, null, 0, ConnectionSettings.DEFAULTS, RandomSource.secure());
        }

        /**
         * Encrypted mode pinning {@code expectedKeyHash}, with default settings and the server's
         * block size.
         *
         * @param host the server's host name or IP literal
         * @param port the server's port
         * @param expectedKeyHash the 32-byte SHA-256 of the server key's SPKI, from the invitation
         *     or address
         * @return the options
         */
        public static Options encrypted(String host, int port, byte[] expectedKeyHash) {
            return new Options(
                    host,
                    port,
                    SmpTransportMode.ENCRYPTED,
                    expectedKeyHash,
                    0,
                    ConnectionSettings.DEFAULTS,
                    RandomSource.secure());
        }

        /**
         * Options for {@code mode}: {@code expectedKeyHash} is ignored in plain mode.
         *
         * @param host the server's host name or IP literal
         * @param port the server's port
         * @param mode plain or encrypted
         * @param expectedKeyHash the pinned key hash, or {@code null} in plain mode
         * @return the options
         */
        public static Options of(String host, int port, SmpTransportMode mode, byte[] expectedKeyHash) {
            return mode == SmpTransportMode.PLAIN ? plain(host, port) : encrypted(host, port, expectedKeyHash);
        }

        /**
         * A copy with other settings.
         *
         * @param other the new settings
         * @return a copy with only the settings changed
         */
        public Options withSettings(ConnectionSettings other) {
            return new Options(host, port, mode, expectedKeyHash, blockSize, other, random);
        }

        /**
         * Returns a copy of the expected key hash: the record keeps its own.
         *
         * @return a copy of the hash, or {@code null} in plain mode
         */
        @Override
        public byte[] expectedKeyHash() {
            return expectedKeyHash == null ? null : expectedKeyHash.clone();
        }
    }

    private final FramedConnection connection;
    private final SmpTransportMode mode;
    private boolean started;

    private SmpTcpConnection(FramedConnection connection, SmpTransportMode mode) {
        this.connection = connection;
        this.mode = mode;
    }

    /**
     * Connects and completes the transport handshake (encrypted mode); nothing is read after it until {@link #start}.
     *
     * @param options where to connect, in which mode, with which limits
     * @return the connected, not yet reading, connection
     * @throws IOException if the connection fails, the server key does not match, or the handshake is malformed
     */
    public static SmpTcpConnection connect(Options options) throws IOException {
        Socket socket = new Socket();
        try {
            int timeout = (int) options.settings().handshakeTimeout().toMillis();
            socket.connect(new InetSocketAddress(options.host(), options.port()), timeout);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeout);
            WireCodec codec =
                    options.mode() == SmpTransportMode.ENCRYPTED ? handshake(socket, options) : WireCodec.plain();
            return new SmpTcpConnection(
                    new FramedConnection(socket, codec, options.settings(), List.of()), options.mode());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Connects with default settings and a secure random source: {@code expectedKeyHash} (SHA-256
     * of the server key, from the invitation) is required in encrypted mode and ignored in plain mode.
     *
     * @param host the server's host name or IP literal
     * @param port the server's port
     * @param mode plain or encrypted
     * @param expectedKeyHash the pinned key hash, or {@code null} in plain mode
     * @return the connected, not yet reading, connection
     * @throws IOException if the connection fails, the server key does not match, or the handshake
     *     is malformed
     */
    public static SmpTcpConnection connect(String host, int port, SmpTransportMode mode, byte[] expectedKeyHash)
            throws IOException {
        return connect(Options.of(host, port, mode, expectedKeyHash));
    }

    private static WireCodec handshake(Socket socket, Options options) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            byte[] prefix = readExactly(in, ServerHeader.PREFIX_LENGTH);
            int keyLength = ServerHeader.keyLength(prefix);
            byte[] key = readExactly(in, keyLength);
            byte[] whole = new byte[prefix.length + key.length];
            System.arraycopy(prefix, 0, whole, 0, prefix.length);
            System.arraycopy(key, 0, whole, prefix.length, key.length);
            ServerHeader header = ServerHeader.decode(whole);
            header.verifyKeyHash(options.expectedKeyHash());
            int blockSize = options.blockSize() == 0 ? header.blockSize() : options.blockSize();
            ClientHandshake handshake = ClientHandshake.generate(blockSize, options.random());
            OutputStream out = socket.getOutputStream();
            out.write(handshake.encryptTo(header.serverKey()));
            out.flush();
            return new BlockCodec(handshake.clientStreams());
        } catch (SecureTransportException e) {
            throw new IOException("secure transport handshake failed: " + e.reason(), e);
        }
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new IOException("connection closed during the handshake");
        }
        return bytes;
    }

    /**
     * Where a client session writes its transmissions: thread-safe, never blocks.
     *
     * @return the sink
     */
    public TransmissionSink sink() {
        return connection::send;
    }

    /**
     * Runs {@code listener} with {@link #closeCause()} once the connection has closed (register
     * before {@link #start}); pass it on with {@code tcp.onClosed(session::close)} so the session's
     * pending requests learn why.
     *
     * @param listener receives the close cause, or {@code null} after a local close
     */
    public void onClosed(Consumer<Throwable> listener) {
        Objects.requireNonNull(listener, "listener");
        connection.onClose(() -> listener.accept(connection.closeCause()));
    }

    /**
     * Why the connection closed: null while open or after {@link #close()}; an {@link IOException}
     * when the server's greeting was refused (its cause a {@link SecureTransportException} with
     * {@code Reason.BAD_GREETING} for a version line), the socket failed or the server closed the
     * connection ({@link java.io.EOFException}); see {@link FramedConnection#closeCause()}.
     *
     * @return the cause, or {@code null}
     */
    public Throwable closeCause() {
        return connection.closeCause();
    }

    /**
     * Starts the reader virtual thread: the server's greeting is checked and dropped (plain mode: an
     * optional {@code Welcome to SMP} line; encrypted mode: a required {@code SMP a.b.c.d} line not newer
     * than {@link VersionGreeting#CURRENT}), then every byte goes to {@code inbound}.
     *
     * @param inbound receives the server's stream bytes after the greeting, on the reader thread
     */
    public synchronized void start(ByteSink inbound) {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        GreetingFilter filter = switch (mode) {
            case PLAIN ->
                new GreetingFilter(SmpTcpConnection::checkPlainGreeting, true, SmpGreetings.PLAIN_LINE.length, inbound);
            case ENCRYPTED ->
                new GreetingFilter(
                        SmpTcpConnection::checkVersionGreeting, false, VersionGreeting.MAX_LINE_LENGTH, inbound);
        };
        Thread.ofVirtual().name("missive-smp-client").start(() -> connection.run(filter));
    }

    private static void checkPlainGreeting(String line) throws IOException {
        if (!line.equals(SmpGreetings.PLAIN_TEXT)) {
            throw new IOException("unexpected greeting line from the server");
        }
    }

    private static void checkVersionGreeting(String line) throws IOException {
        try {
            VersionGreeting.CURRENT.checkServer(line);
        } catch (SecureTransportException e) {
            throw new IOException("server greeting refused: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the connection has closed.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return connection.isClosed();
    }

    /** Closes the connection at once. */
    @Override
    public void close() {
        connection.close();
    }
}
