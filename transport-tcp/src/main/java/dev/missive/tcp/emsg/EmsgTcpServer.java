package dev.missive.tcp.emsg;

import dev.missive.emsg.EmsgServer;
import dev.missive.emsg.EmsgSession;
import dev.missive.emsg.SessionReply;
import dev.missive.event.CloseReason;
import dev.missive.tcp.ConnectionHandler;
import dev.missive.tcp.ConnectionSettings;
import dev.missive.tcp.EngineServerBuilder;
import dev.missive.tcp.FramedConnection;
import dev.missive.tcp.LineFramer;
import dev.missive.tcp.TcpServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * Serves an {@link EmsgServer} engine over ESMP on TCP ({@code docs/emsg.md}, "Transport"): one JSON
 * object per LF-terminated line each way, on a {@link TcpServer} (virtual threads, connection bound,
 * handshake and idle timeouts, optional TLS). The handshake is over once the server has answered a
 * {@code hello}: a connection that has not got that far within
 * {@link ConnectionSettings#handshakeTimeout()} of the accept (TLS handshake included) is closed
 * without a reply (EMSG has no error code for it, and servers send no unsolicited lines). A line longer than the engine's
 * {@link dev.missive.emsg.EmsgConfig#maxLineLength() maxLineLength} is answered with error 413 and the
 * connection closed once that answer is written. It also runs the engine's clean-up every
 * {@link Builder#cleanUpInterval cleanUpInterval} and, with {@link Builder#federation federation},
 * drains the engine's outbox to peer servers.
 *
 * <pre>{@code
 * try (EmsgTcpServer tcp = EmsgTcpServer.builder(engine).port(5888).federation(peers).start()) {
 *     System.out.println("listening on " + tcp.address());
 * }
 * }</pre>
 */
public final class EmsgTcpServer implements Closeable {

    private final TcpServer tcp;
    private final OutboxDrainer drainer;

    private EmsgTcpServer(Builder b) throws IOException {
        EmsgServer engine = b.engine;
        int maxLine = b.maxLineBytes > 0 ? b.maxLineBytes : engine.config().maxLineLength();
        this.drainer = b.peers == null ? null : new OutboxDrainer(engine, b.peers, b.deliveryInterval);
        try {
            this.tcp = b.bind(engine::cleanUp, new Connections(engine, maxLine));
        } catch (IOException | RuntimeException e) {
            if (drainer != null) {
                drainer.close();
            }
            throw e;
        }
        if (drainer != null) {
            if (b.trigger != null) {
                b.trigger.tie(drainer::wake);
            }
            drainer.start();
        }
        b.ready(address());
    }

    /**
     * Starts configuring a server for {@code engine}.
     *
     * @param engine the engine
     * @return the builder
     */
    public static Builder builder(EmsgServer engine) {
        return new Builder(engine);
    }

    /**
     * The bound address (with the actual port when 0 was asked for).
     *
     * @return the address
     */
    public InetSocketAddress address() {
        return tcp.address();
    }

    /**
     * Connections currently open.
     *
     * @return the count
     */
    public int connectionCount() {
        return tcp.connectionCount();
    }

    /**
     * Wakes the outbox drainer now (after the host queued something), instead of at its next interval.
     */
    public void deliverNow() {
        if (drainer != null) {
            drainer.wake();
        }
    }

    /** Stops draining, the clean-up and accepting; closes every connection (see {@link TcpServer#close()}). */
    @Override
    public void close() {
        if (drainer != null) {
            drainer.close();
        }
        tcp.close();
    }

    /** The ESMP side of each accepted connection: lines in, the engine's replies out. */
    private static final class Connections implements ConnectionHandler {

        private final EmsgServer engine;
        private final int maxLine;

        Connections(EmsgServer engine, int maxLine) {
            this.engine = engine;
            this.maxLine = maxLine;
        }

        // The hello exchange is the EMSG handshake, in the line stream: the server bounds it in time.
        @Override
        public boolean handshakeInStream() {
            return true;
        }

        @Override
        public Session open(FramedConnection connection) {
            EmsgSession session = engine.openSession();
            LineFramer framer = new LineFramer(maxLine, new LineFramer.Lines() {
                @Override
                public void line(byte[] line) {
                    if (connection.isClosed()) {
                        return;
                    }
                    SessionReply reply = session.onLine(new String(line, StandardCharsets.UTF_8));
                    byte[] frame = frame(reply.line());
                    if (session.isGreeted()) {
                        connection.handshakeComplete();
                    }
                    if (reply.close()) {
                        connection.sendThenClose(frame, CloseReason.PROTOCOL_ERROR);
                    } else {
                        connection.send(frame);
                    }
                }

                @Override
                public void oversize(int maxLineBytes) {
                    connection.sendThenClose(frame(session.onOversizeLine().line()), CloseReason.PROTOCOL_ERROR);
                }
            });
            return new Session() {
                @Override
                public void accept(byte[] bytes, int off, int len) {
                    framer.accept(bytes, off, len);
                }

                @Override
                public void closed(CloseReason reason) {
                    session.close();
                }
            };
        }

        private static byte[] frame(String line) {
            return (line + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Configures and starts an {@link EmsgTcpServer}. */
    public static final class Builder extends EngineServerBuilder<Builder> {

        private final EmsgServer engine;
        private int maxLineBytes;
        private Duration deliveryInterval = Duration.ofSeconds(1);
        private EmsgPeers peers;
        private DeliveryTrigger trigger;

        private Builder(EmsgServer engine) {
            super("emsg", DnsDiscovery.DEFAULT_PORT);
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
         * Serves TLS only, with this factory's certificate.
         *
         * @param factory the TLS server socket factory
         * @return this builder
         */
        public Builder tls(SSLServerSocketFactory factory) {
            tcp().serverSocketFactory(factory);
            return this;
        }

        /**
         * Longest line accepted (default the engine's {@code maxLineLength}).
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxLineBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxLineBytes must be positive");
            }
            this.maxLineBytes = bytes;
            return this;
        }

        /**
         * Drains the engine's outbox to peer servers through {@code peers}, looking for due entries
         * every {@code interval} and whenever {@link #deliverNow()} is called.
         *
         * @param peers the server-to-server connections
         * @param interval how often to look for due entries
         * @return this builder
         */
        public Builder federation(EmsgPeers peers, Duration interval) {
            this.peers = Objects.requireNonNull(peers, "peers");
            this.deliveryInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Like {@link #federation(EmsgPeers, Duration)}, and also drains as soon as {@code trigger}
         * (one of the engine's event listeners) sees a message queued.
         *
         * @param peers the server-to-server connections
         * @param interval how often to look for due entries (retries)
         * @param trigger the engine's trigger
         * @return this builder
         */
        public Builder federation(EmsgPeers peers, Duration interval, DeliveryTrigger trigger) {
            this.trigger = Objects.requireNonNull(trigger, "trigger");
            return federation(peers, interval);
        }

        /**
         * Binds and starts accepting.
         *
         * @return the running server
         * @throws IOException if the address cannot be bound
         */
        public EmsgTcpServer start() throws IOException {
            return new EmsgTcpServer(this);
        }
    }
}
