package dev.missive.http.osms;

import dev.missive.http.CleanUpSchedule;
import dev.missive.http.EmbeddedHttpServer;
import dev.missive.http.HttpHostBuilder;
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
    public static final class Builder extends HttpHostBuilder<Builder> {

        private final OsmsServer engine;

        private Builder(OsmsServer engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        @Override
        protected Builder self() {
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
            EmbeddedHttpServer http = embeddedServer(handler)
                    .maxBodyBytes(handler.maxBodyBytes())
                    .build()
                    .start();
            return new OsmsHttpServer(http, engine, cleanUpEvery());
        }
    }
}
