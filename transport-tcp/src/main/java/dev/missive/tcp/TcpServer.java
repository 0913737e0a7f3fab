package dev.missive.tcp;

import dev.missive.event.CloseReason;
import dev.missive.event.ConnectionEvent;
import dev.missive.event.EventListener;
import dev.missive.event.FailureKind;
import dev.missive.spi.Clock;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server with no protocol knowledge: a blocking {@link ServerSocket} whose accept loop runs on a
 * virtual thread, one virtual thread per connection running the protocol's
 * {@link ConnectionHandler} and then reading through a {@link FramedConnection} (which has its own
 * writer virtual thread), a bound on concurrent connections, handshake and idle timeouts
 * ({@link ConnectionSettings}), periodic tasks for the host (an engine's clean-up), and an orderly
 * {@link #close()}.
 *
 * <p>Every connection it serves produces, through the {@link EventListener}, one
 * {@link ConnectionEvent.Opened} on accept and one {@link ConnectionEvent.Closed} (reason, bytes each
 * way, handshake included) at the end, with a {@link ConnectionEvent.HandshakeFailed} in between
 * when the handshake fails. A connection beyond the bound is closed at once and reported as
 * {@link ConnectionEvent.Refused}. A protocol whose handshake goes on inside the stream (EMSG's
 * {@code hello}) says so with {@link ConnectionHandler#handshakeInStream()}; its connection is then
 * closed unless its session calls {@link FramedConnection#handshakeComplete()} within the handshake
 * timeout of the accept. TLS is optional: give the builder an
 * {@link javax.net.ssl.SSLServerSocketFactory}; the TLS handshake then runs first, under the
 * handshake timeout, and byte counts are those of the stream inside TLS.
 *
 * <pre>{@code
 * try (TcpServer tcp = TcpServer.builder("emsg").port(0).eventListener(new LoggingEventListener())
 *         .start(handler)) {
 *     System.out.println("listening on " + tcp.address());
 * }
 * }</pre>
 */
public final class TcpServer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpServer.class);
    private static final long ACCEPT_BACKOFF_MILLIS = 100;

    private final String protocol;
    private final ConnectionHandler handler;
    private final ConnectionSettings settings;
    private final EventListener events;
    private final Clock clock;
    private final int maxConnections;
    private final Semaphore slots;
    private final ServerSocket listener;
    private final Set<Served> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private final ScheduledExecutorService periodic;
    private final Thread acceptor;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;

    private TcpServer(Builder b, ConnectionHandler handler) throws IOException {
        this.protocol = b.protocol;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.settings = b.settings;
        this.events = b.events;
        this.clock = b.clock;
        this.maxConnections = b.maxConnections;
        this.slots = new Semaphore(maxConnections);
        this.listener = b.socketFactory.createServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(b.host), b.port), b.backlog);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        if (b.tasks.isEmpty()) {
            this.periodic = null;
        } else {
            this.periodic = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofVirtual().name("missive-" + protocol + "-periodic").factory());
            for (PeriodicTask task : b.tasks) {
                long millis = task.interval().toMillis();
                periodic.scheduleWithFixedDelay(() -> runTask(task.task()), millis, millis, TimeUnit.MILLISECONDS);
            }
        }
        this.acceptor =
                Thread.ofVirtual().name("missive-" + protocol + "-accept").start(this::acceptLoop);
    }

    /**
     * Starts configuring a server; {@code protocol} names it in events and thread names ({@code
     * "smp"}).
     *
     * @param protocol the protocol's short name
     * @return a new builder
     */
    public static Builder builder(String protocol) {
        return new Builder(protocol);
    }

    /**
     * The bound address (with the actual port when 0 was asked for).
     *
     * @return the bound address
     */
    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /**
     * The bound port.
     *
     * @return the bound port
     */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Connections currently open, those still in their handshake included.
     *
     * @return the number of open connections
     */
    public int connectionCount() {
        return connections.size();
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A failed run (a database hiccup) must not cancel the later ones.
            LOG.warn("periodic task of the {} server failed", protocol, e);
        }
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
                events.onConnectionEvent(new ConnectionEvent.Refused(
                        protocol, clock.now(), remote(socket), "connection limit of " + maxConnections + " reached"));
                continue;
            }
            Thread.ofVirtual().name("missive-" + protocol + "-conn").start(() -> {
                try {
                    serve(socket);
                } finally {
                    slots.release();
                }
            });
        }
    }

    private void serve(Socket socket) {
        Served served = new Served(connectionIds.incrementAndGet(), socket, remote(socket));
        connections.add(served);
        CloseReason reason;
        try {
            events.onConnectionEvent(new ConnectionEvent.Opened(protocol, clock.now(), served.id, served.remote));
            if (closed) {
                served.stop();
            }
            reason = run(served);
        } finally {
            connections.remove(served);
        }
        events.onConnectionEvent(new ConnectionEvent.Closed(
                protocol, clock.now(), served.id, served.remote, reason, served.bytesIn(), served.bytesOut()));
    }

    /** Handshake, then the session until the connection closes; returns why it closed. */
    private CloseReason run(Served served) {
        Socket socket = served.socket;
        FramedConnection connection;
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) settings.handshakeTimeout().toMillis());
            if (socket instanceof SSLSocket tls) {
                tls.startHandshake();
            }
            served.streams(socket.getInputStream(), socket.getOutputStream());
            ConnectionHandler.Framing framing = handler.handshake(served.in, served.out);
            connection = new FramedConnection(socket, framing.codec(), settings, framing.greeting());
            if (handler.handshakeInStream()) {
                // Counted from the accept, so a slow TLS handshake uses up the same allowance.
                connection.handshakeDeadline(
                        served.acceptedNanos + settings.handshakeTimeout().toNanos());
            }
        } catch (IOException e) {
            closeQuietly(socket);
            return closed ? CloseReason.SERVER_STOPPING : handshakeFailed(served, e);
        } catch (RuntimeException e) {
            // A bug, not bad input: log it, but never leave the socket open on a dead thread.
            LOG.warn("setting up the {} connection from {} failed", protocol, served.remote, e);
            closeQuietly(socket);
            return CloseReason.LOCAL_CLOSE;
        }
        served.established(connection);
        ConnectionHandler.Session session;
        try {
            session = handler.open(connection);
        } catch (RuntimeException e) {
            LOG.warn("opening the {} session for {} failed", protocol, served.remote, e);
            connection.close();
            return CloseReason.LOCAL_CLOSE;
        }
        connection.run(session, session::waitingOnPurpose);
        CloseReason reason = connection.closeReason();
        if (reason == CloseReason.HANDSHAKE_TIMEOUT) {
            reportHandshakeFailure(served, FailureKind.TIMEOUT, connection.closeCause());
        }
        try {
            session.closed(reason);
        } catch (RuntimeException e) {
            LOG.warn("closing the {} session for {} failed", protocol, served.remote, e);
        }
        return reason;
    }

    private CloseReason handshakeFailed(Served served, IOException e) {
        FailureKind kind;
        CloseReason reason;
        if (e instanceof SocketTimeoutException) {
            kind = FailureKind.TIMEOUT;
            reason = CloseReason.HANDSHAKE_TIMEOUT;
        } else if (e instanceof EOFException) {
            kind = FailureKind.RESET;
            reason = CloseReason.PEER_CLOSED;
        } else if (e instanceof SSLException) {
            kind = FailureKind.TLS;
            reason = CloseReason.PROTOCOL_ERROR;
        } else if (e instanceof HandshakeException) {
            kind = FailureKind.HANDSHAKE;
            reason = CloseReason.PROTOCOL_ERROR;
        } else {
            kind = FailureKind.IO;
            reason = CloseReason.IO_ERROR;
        }
        reportHandshakeFailure(served, kind, e);
        return reason;
    }

    private void reportHandshakeFailure(Served served, FailureKind kind, Throwable e) {
        LOG.debug("{} handshake with {} failed: {}", protocol, served.remote, String.valueOf(e));
        String detail = e == null ? "handshake failed" : e.getClass().getSimpleName() + ": " + e.getMessage();
        events.onConnectionEvent(
                new ConnectionEvent.HandshakeFailed(protocol, clock.now(), served.id, served.remote, kind, detail));
    }

    /**
     * Stops the periodic tasks and accepting, closes every connection (reason
     * {@link CloseReason#SERVER_STOPPING}), and waits up to {@link ConnectionSettings#closeGrace()}
     * for their handlers to finish. Idempotent; must not be called from a connection's own thread
     * (it would wait for itself).
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        if (periodic != null) {
            periodic.shutdownNow();
        }
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("listener close failed: {}", e.toString());
        }
        long graceMillis = settings.closeGrace().toMillis();
        try {
            // Once the acceptor is gone no new slot is taken, so the wait below covers every handler.
            if (!acceptor.join(Duration.ofMillis(graceMillis))) {
                acceptor.interrupt();
            }
            connections.forEach(Served::stop);
            if (slots.tryAcquire(maxConnections, graceMillis, TimeUnit.MILLISECONDS)) {
                slots.release(maxConnections);
            } else {
                LOG.warn(
                        "{} server closed with {} connection handlers still running",
                        protocol,
                        maxConnections - slots.availablePermits());
            }
            if (periodic != null && !periodic.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("{} server closed with a periodic task still running", protocol);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String remote(Socket socket) {
        if (socket.getRemoteSocketAddress() instanceof InetSocketAddress address && address.getAddress() != null) {
            InetAddress ip = address.getAddress();
            String host = ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
            return host + ":" + address.getPort();
        }
        return String.valueOf(socket.getRemoteSocketAddress());
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("socket close failed: {}", e.toString());
        }
    }

    /** One served connection: its socket, the handshake's byte counts, then its framed connection. */
    private final class Served {

        final long id;
        final Socket socket;
        final String remote;
        final long acceptedNanos = System.nanoTime();
        final AtomicLong handshakeIn = new AtomicLong();
        final AtomicLong handshakeOut = new AtomicLong();
        InputStream in;
        OutputStream out;
        private volatile FramedConnection connection;

        Served(long id, Socket socket, String remote) {
            this.id = id;
            this.socket = socket;
            this.remote = remote;
        }

        void streams(InputStream socketIn, OutputStream socketOut) {
            this.in = new FilterInputStream(socketIn) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        handshakeIn.incrementAndGet();
                    }
                    return b;
                }

                @Override
                public int read(byte[] bytes, int off, int len) throws IOException {
                    int n = super.read(bytes, off, len);
                    if (n > 0) {
                        handshakeIn.addAndGet(n);
                    }
                    return n;
                }
            };
            this.out = new FilterOutputStream(socketOut) {
                @Override
                public void write(int b) throws IOException {
                    socketOut.write(b);
                    handshakeOut.incrementAndGet();
                }

                @Override
                public void write(byte[] bytes, int off, int len) throws IOException {
                    socketOut.write(bytes, off, len);
                    handshakeOut.addAndGet(len);
                }
            };
        }

        void established(FramedConnection framed) {
            connection = framed;
            // close() may have run between the handshake and now, seeing no framed connection yet.
            if (closed) {
                framed.close(CloseReason.SERVER_STOPPING);
            }
        }

        void stop() {
            FramedConnection framed = connection;
            if (framed != null) {
                framed.close(CloseReason.SERVER_STOPPING);
            } else {
                closeQuietly(socket);
            }
        }

        long bytesIn() {
            FramedConnection framed = connection;
            return handshakeIn.get() + (framed == null ? 0 : framed.bytesIn());
        }

        long bytesOut() {
            FramedConnection framed = connection;
            return handshakeOut.get() + (framed == null ? 0 : framed.bytesOut());
        }
    }

    private record PeriodicTask(Duration interval, Runnable task) {}

    /** Configures and starts a {@link TcpServer}. */
    public static final class Builder {

        private final String protocol;
        private String host = "127.0.0.1";
        private int port;
        private int backlog = 1024;
        private ConnectionSettings settings = ConnectionSettings.DEFAULTS;
        private int maxConnections = 20_000;
        private EventListener events = EventListener.NONE;
        private Clock clock = Clock.system();
        private ServerSocketFactory socketFactory = ServerSocketFactory.getDefault();
        private final List<PeriodicTask> tasks = new ArrayList<>();

        private Builder(String protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
        }

        /**
         * Address to bind (default {@code 127.0.0.1}).
         *
         * @param host the host name or IP literal of the local interface; {@code 0.0.0.0} for all
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * Port to bind; 0 (the default) picks a free one.
         *
         * @param port the TCP port, 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Listen backlog (default 1,024).
         *
         * @param backlog the most pending connections the operating system queues
         * @return this builder
         */
        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /**
         * Per-connection limits (default {@link ConnectionSettings#DEFAULTS}).
         *
         * @param settings the limits
         * @return this builder
         */
        public Builder settings(ConnectionSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Most connections open at once (default 20,000); more are closed right after accept.
         *
         * @param max the connection limit; positive
         * @return this builder
         */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnections must be positive");
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * Receives the connection events (default none); wrapped so that a throwing listener is
         * contained.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder eventListener(EventListener listener) {
            this.events = EventListener.contained(listener);
            return this;
        }

        /**
         * The time stamped on events (default the system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where the listening socket comes from (default plain TCP); an
         * {@link javax.net.ssl.SSLServerSocketFactory} makes every connection TLS.
         *
         * @param factory the factory of the listening socket
         * @return this builder
         */
        public Builder serverSocketFactory(ServerSocketFactory factory) {
            this.socketFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Runs {@code task} every {@code interval} (the first time one interval after start) on a
         * virtual thread until the server closes; a task that throws is logged and run again next time.
         * Hosts schedule an engine's clean-up this way.
         *
         * @param interval the time between two runs; at least a millisecond
         * @param task the work, e.g. {@code engine::cleanUp}
         * @return this builder
         */
        public Builder periodicTask(Duration interval, Runnable task) {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(task, "task");
            if (interval.isNegative() || interval.toMillis() < 1) {
                throw new IllegalArgumentException("interval must be at least 1 ms");
            }
            tasks.add(new PeriodicTask(interval, task));
            return this;
        }

        /**
         * Binds and starts accepting connections for {@code handler}.
         *
         * @param handler opens a session for each accepted connection
         * @return the running server; close it to stop
         * @throws IOException if the address cannot be bound
         */
        public TcpServer start(ConnectionHandler handler) throws IOException {
            return new TcpServer(this, handler);
        }
    }
}
