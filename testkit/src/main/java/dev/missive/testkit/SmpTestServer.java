package dev.missive.testkit;

import dev.missive.event.CloseReason;
import dev.missive.event.EventListener;
import dev.missive.smp.ServerSession;
import dev.missive.smp.SignatureScheme;
import dev.missive.smp.SmpConfig;
import dev.missive.smp.SmpServer;
import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.ConnectionHandler;
import dev.missive.tcp.FramedConnection;
import dev.missive.tcp.HandshakeException;
import dev.missive.tcp.TcpServer;
import dev.missive.tcp.WireCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An SMP server for tests, in the manner of OkHttp's MockWebServer: a real {@link SmpServer} on
 * in-memory stores behind the plain seed-dialect transport ({@code Welcome to SMP} greeting
 * optional) on an ephemeral loopback port, built on {@link TcpServer}. It records every
 * transmission it receives, can refuse, delay, answer garbage or close individual connections
 * ({@link #enqueue}), and can rewrite or drop what the engine sends ({@link #setReplyFilter}).
 *
 * <pre>{@code
 * try (SmpTestServer server = SmpTestServer.builder().start()) {
 *     server.enqueue(SmpConnectionBehavior.refuse());        // the first connection is refused
 *     // connect the code under test to server.host():server.port() ...
 *     RecordedTransmission first = server.takeTransmission();
 * }
 * }</pre>
 */
public final class SmpTestServer implements AutoCloseable {

    /** The 2020 reference server's greeting line ({@code docs/smp.md}, "Plain mode"). */
    private static final byte[] GREETING = "Welcome to SMP\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final int RECORD_MAX_LINE = 1 << 20;
    private static final int RECORD_MAX_BODY = 1 << 26;

    private final SmpServer engine;
    private final TcpServer tcp;
    private final boolean greeting;
    private final ConcurrentLinkedQueue<SmpConnectionBehavior> behaviors = new ConcurrentLinkedQueue<>();
    private final List<RecordedTransmission> received = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RecordedTransmission> untaken = new LinkedBlockingQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ThreadLocal<SmpConnectionBehavior> handshaking = new ThreadLocal<>();
    private volatile UnaryOperator<SmpTransmission> replyFilter = UnaryOperator.identity();

    private SmpTestServer(Builder builder) throws IOException {
        this.engine = SmpServer.builder()
                .clock(builder.clock)
                .random(builder.random)
                .queueStore(new InMemoryQueueStore())
                .messageStore(new InMemoryMessageStore())
                .signatureScheme(builder.signatureScheme)
                .config(builder.config)
                .eventListener(builder.eventListener)
                .build();
        this.greeting = builder.greeting;
        this.tcp = TcpServer.builder("smp")
                .host(builder.host)
                .port(builder.port)
                .eventListener(builder.eventListener)
                .start(new Connections());
    }

    /**
     * A builder for a server on {@code 127.0.0.1}, a free port, with the greeting and the standard
     * signature scheme.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The engine, e.g. to read its {@link SmpServer#subscriptionCount()}.
     *
     * @return the engine
     */
    public SmpServer engine() {
        return engine;
    }

    /**
     * The bound address.
     *
     * @return the address
     */
    public InetSocketAddress address() {
        return tcp.address();
    }

    /**
     * The bound host address, e.g. {@code 127.0.0.1}.
     *
     * @return the host
     */
    public String host() {
        return tcp.address().getAddress().getHostAddress();
    }

    /**
     * The bound port.
     *
     * @return the port
     */
    public int port() {
        return tcp.port();
    }

    /**
     * Treats the next accepted connection (in accept order) with {@code behavior}.
     *
     * @param behavior what to do with it
     */
    public void enqueue(SmpConnectionBehavior behavior) {
        behaviors.add(Objects.requireNonNull(behavior, "behavior"));
    }

    /**
     * Passes every transmission the engine sends through {@code filter} (return it, a changed one,
     * or null to drop it); the default passes everything.
     *
     * @param filter the filter
     */
    public void setReplyFilter(UnaryOperator<SmpTransmission> filter) {
        this.replyFilter = Objects.requireNonNull(filter, "filter");
    }

    /**
     * Every transmission received so far, in arrival order.
     *
     * @return a snapshot
     */
    public List<RecordedTransmission> received() {
        return List.copyOf(received);
    }

    /**
     * The oldest transmission not yet taken, waiting up to ten seconds for one.
     *
     * @return the transmission
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if none arrived in time
     */
    public RecordedTransmission takeTransmission() throws InterruptedException {
        RecordedTransmission t = untaken.poll(10, TimeUnit.SECONDS);
        if (t == null) {
            throw new IllegalStateException("no transmission arrived within 10 s");
        }
        return t;
    }

    /**
     * How many connections were accepted so far.
     *
     * @return the count
     */
    public int connectionCount() {
        return connections.get();
    }

    /** Closes every connection and stops listening. */
    @Override
    public void close() {
        tcp.close();
    }

    /** Shows the address. */
    @Override
    public String toString() {
        return "SmpTestServer[" + host() + ":" + port() + "]";
    }

    private final class Connections implements ConnectionHandler {

        @Override
        public Framing handshake(InputStream in, OutputStream out) throws IOException {
            SmpConnectionBehavior behavior = behaviors.poll();
            behavior = behavior == null ? SmpConnectionBehavior.serve() : behavior;
            connections.incrementAndGet();
            if (behavior instanceof SmpConnectionBehavior.Refuse) {
                throw new HandshakeException("refused by the test server");
            }
            if (behavior instanceof SmpConnectionBehavior.Delay delay) {
                try {
                    Thread.sleep(delay.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while delaying");
                }
            }
            // handshake and open run one after the other on the connection's own thread.
            handshaking.set(behavior);
            return new Framing(WireCodec.plain(), greeting ? List.of(GREETING) : List.of());
        }

        @Override
        public Session open(FramedConnection connection) {
            SmpConnectionBehavior behavior = handshaking.get();
            handshaking.remove();
            int index = connections.get();
            ServerSession session = engine.openSession(frame -> send(connection, frame));
            AtomicInteger count = new AtomicInteger();
            SmpTransmissionReader recorder = new SmpTransmissionReader(
                    t -> {
                        count.incrementAndGet();
                        RecordedTransmission record = new RecordedTransmission(index, t);
                        received.add(record);
                        untaken.add(record);
                        if (behavior instanceof SmpConnectionBehavior.Garbage garbage) {
                            connection.send(garbage.bytes());
                        }
                    },
                    RECORD_MAX_LINE,
                    RECORD_MAX_BODY);
            return new Session() {
                @Override
                public void accept(byte[] bytes, int off, int len) {
                    recorder.accept(bytes, off, len);
                    switch (behavior) {
                        case SmpConnectionBehavior.Garbage garbage -> {}
                        case SmpConnectionBehavior.CloseOnTransmission close
                        when count.get() >= close.n() -> connection.close();
                        default -> session.onBytes(bytes, off, len);
                    }
                }

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

        /** Sends what the engine wrote, through the reply filter. */
        private void send(FramedConnection connection, byte[] frame) {
            UnaryOperator<SmpTransmission> filter = replyFilter;
            List<SmpTransmission> parsed = new ArrayList<>();
            new SmpTransmissionReader(parsed::add, Integer.MAX_VALUE, Integer.MAX_VALUE).accept(frame, 0, frame.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (SmpTransmission t : parsed) {
                SmpTransmission kept = filter.apply(t);
                if (kept != null) {
                    out.writeBytes(kept.encode());
                }
            }
            if (out.size() > 0) {
                connection.send(out.toByteArray());
            }
        }
    }

    /** Configures an {@link SmpTestServer}. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private boolean greeting = true;
        private SignatureScheme signatureScheme = SignatureScheme.standard();
        private SmpConfig config = SmpConfig.DEFAULTS;
        private Clock clock = Clock.system();
        private RandomSource random = RandomSource.secure();
        private EventListener eventListener = EventListener.NONE;

        private Builder() {}

        /**
         * The address to bind (default {@code 127.0.0.1}).
         *
         * @param host the address
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port to bind (default 0: a free one).
         *
         * @param port the port
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Whether to send {@code Welcome to SMP} on connect (default yes).
         *
         * @param greeting send it or not
         * @return this builder
         */
        public Builder greeting(boolean greeting) {
            this.greeting = greeting;
            return this;
        }

        /**
         * How the engine verifies signatures (default {@link SignatureScheme#standard()}).
         *
         * @param scheme the scheme
         * @return this builder
         */
        public Builder signatureScheme(SignatureScheme scheme) {
            this.signatureScheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /**
         * The engine's tunables (default {@link SmpConfig#DEFAULTS}).
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder config(SmpConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The engine's clock (default the system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The engine's randomness (default a secure source).
         *
         * @param random the source
         * @return this builder
         */
        public Builder random(RandomSource random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Receives the engine's and the transport's events (default none).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder eventListener(EventListener listener) {
            this.eventListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the engine, binds the port and starts accepting.
         *
         * @return the running server
         * @throws IOException if the port cannot be bound
         */
        public SmpTestServer start() throws IOException {
            return new SmpTestServer(this);
        }
    }
}
