package dev.missive.http.osms;

import dev.missive.http.CleanUpSchedule;
import dev.missive.http.EmbeddedHttpServer;
import dev.missive.osms.OsmsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * An OSMS directory server over HTTP: an {@link OsmsHttpHandler} on an {@link EmbeddedHttpServer}
 * (JDK server, one virtual thread per exchange), which also runs the engine's
 * {@link OsmsServer#cleanUp()} every {@code cleanUpInterval} until it closes. OSMS is meant to be
 * served as a Tor onion service: bind to loopback (the default) and point Tor's
 * {@code HiddenServicePort} at it.
 *
 * <pre>{@code
 * try (OsmsHttpServer http = OsmsHttpServer.builder(server).port(8080).start()) {
 *     ...
 * }
 * }</pre>
 */
public final class OsmsHttpServer implements AutoCloseable {

    private final EmbeddedHttpServer server;
    private final CleanUpSchedule cleanUp;

    private OsmsHttpServer(EmbeddedHttpServer server, OsmsServer engine, Duration cleanUpInterval) {
        this.server = server;
        this.cleanUp = new CleanUpSchedule("osms", cleanUpInterval, engine::cleanUp);
    }

    /**
     * A builder serving {@code server}.
     *
     * @param server the engine
     * @return the builder
     */
    public static Builder builder(OsmsServer server) {
        return new Builder(server);
    }

    /**
     * The bound address.
     *
     * @return the address (the real port when port 0 was asked for)
     */
    public InetSocketAddress address() {
        return server.address();
    }

    /**
     * The bound port.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /** Stops the clean-up schedule and the server. */
    @Override
    public void close() {
        cleanUp.close();
        server.close();
    }

    /** Configures an {@link OsmsHttpServer}. */
    public static final class Builder {

        private final OsmsServer engine;
        private String host = "127.0.0.1";
        private int port;
        private int backlog = 128;
        private Duration cleanUpInterval = Duration.ofMinutes(1);

        private Builder(OsmsServer engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /**
         * The address to bind; default {@code 127.0.0.1} (where Tor forwards an onion service).
         *
         * @param host the address
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port to bind; 0 (the default) picks a free one.
         *
         * @param port the port
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The TCP accept backlog; default 128.
         *
         * @param backlog the backlog
         * @return this builder
         */
        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /**
         * How often the server runs the engine's {@link OsmsServer#cleanUp()} (expired sessions and
         * handshakes); default one minute.
         *
         * @param interval the interval, at least 1 ms
         * @return this builder
         */
        public Builder cleanUpInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("cleanUpInterval must be at least 1 ms");
            }
            this.cleanUpInterval = interval;
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @return the running server, accepting connections
         * @throws IOException if the address cannot be bound
         */
        public OsmsHttpServer start() throws IOException {
            OsmsHttpHandler handler = new OsmsHttpHandler(engine);
            EmbeddedHttpServer http = EmbeddedHttpServer.builder(handler)
                    .host(host)
                    .port(port)
                    .backlog(backlog)
                    .maxBodyBytes(handler.maxBodyBytes())
                    .build()
                    .start();
            return new OsmsHttpServer(http, engine, cleanUpInterval);
        }
    }
}
