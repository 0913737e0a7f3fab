package dev.missive.http.mesh;

import dev.missive.http.CleanUpSchedule;
import dev.missive.http.EmbeddedHttpServer;
import dev.missive.http.HttpHostBuilder;
import dev.missive.http.HttpPeerClient;
import dev.missive.mesh.MeshServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * A mesh server as a ready-made HTTP(S) server: a {@link MeshHttpHandler} on an
 * {@link EmbeddedHttpServer}, plus the schedules the engine leaves to its host, since it keeps no
 * clock or thread of its own: a sync round with every active peer every {@code syncInterval}, a
 * server-list exchange every {@code serverExchangeInterval} (and once at start), and
 * {@link MeshServer#cleanUp()} every {@code cleanUpInterval}, each on its own thread of the hosts'
 * shared {@link CleanUpSchedule}. A schedule's failed run is logged and the next one runs as planned.
 *
 * <pre>{@code
 * try (MeshHttpServer http = MeshHttpServer.builder(server).port(8080).syncInterval(Duration.ofSeconds(30)).start()) {
 *     ...
 * }
 * }</pre>
 */
public final class MeshHttpServer implements AutoCloseable {

    private final EmbeddedHttpServer http;
    private final MeshServer server;
    private final MeshPeerSync sync;
    private final CleanUpSchedule schedules;

    private MeshHttpServer(
            EmbeddedHttpServer http, MeshServer server, MeshPeerSync sync, Builder builder, Duration cleanUpInterval) {
        this.http = http;
        this.server = server;
        this.sync = sync;
        this.schedules = new CleanUpSchedule(
                "mesh",
                List.of(
                        new CleanUpSchedule.Task("sync", builder.syncInterval, builder.syncInterval, sync::syncRound),
                        new CleanUpSchedule.Task(
                                "server-list exchange",
                                Duration.ZERO,
                                builder.serverExchangeInterval,
                                sync::exchangeServers),
                        new CleanUpSchedule.Task("clean-up", cleanUpInterval, cleanUpInterval, server::cleanUp)));
    }

    /**
     * A builder serving {@code server}.
     *
     * @param server the engine
     * @return the builder
     */
    public static Builder builder(MeshServer server) {
        return new Builder(server);
    }

    /**
     * Runs a sync round with every active peer now, outside the schedule (tests, demos, an operator's
     * request); waits for a scheduled round that is running.
     *
     * @return what the round did
     */
    public MeshPeerSync.RoundSummary syncNow() {
        return sync.syncRound();
    }

    /**
     * Runs a server-list exchange with every active peer now.
     *
     * @return what the exchange did
     */
    public MeshPeerSync.RoundSummary exchangeServersNow() {
        return sync.exchangeServers();
    }

    /**
     * The engine it serves (to add peers, read scores).
     *
     * @return the engine
     */
    public MeshServer engine() {
        return server;
    }

    /**
     * The bound address (the real port when port 0 was asked for).
     *
     * @return the address
     */
    public InetSocketAddress address() {
        return http.address();
    }

    /**
     * The bound port.
     *
     * @return the port
     */
    public int port() {
        return http.port();
    }

    /**
     * Whether it serves HTTPS.
     *
     * @return {@code true} for HTTPS
     */
    public boolean isHttps() {
        return http.isHttps();
    }

    /** Stops the schedules, then the server. */
    @Override
    public void close() {
        schedules.close();
        http.close();
    }

    /** Configures a {@link MeshHttpServer}. */
    public static final class Builder extends HttpHostBuilder<Builder> {

        private final MeshServer server;
        private SSLContext sslContext;
        private HttpPeerClient peerClient;
        private Duration syncInterval = Duration.ofMinutes(1);
        private Duration serverExchangeInterval = Duration.ofHours(1);

        private Builder(MeshServer server) {
            this.server = Objects.requireNonNull(server, "server");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Serve HTTPS instead of plain HTTP.
         *
         * @param sslContext the server context
         * @return this
         */
        public Builder https(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * The client for calls to peers; default {@link MeshPeerSync#clientFor} with the JDK's trust.
         *
         * @param peerClient the client (its response cap should be the engine's sync cap)
         * @return this
         */
        public Builder peerClient(HttpPeerClient peerClient) {
            this.peerClient = Objects.requireNonNull(peerClient, "peerClient");
            return this;
        }

        /**
         * How often a sync round runs with every active peer; default one minute (Jasper's rate).
         *
         * @param interval at least 1 ms
         * @return this
         */
        public Builder syncInterval(Duration interval) {
            this.syncInterval = atLeastOneMilli(interval, "syncInterval");
            return this;
        }

        /**
         * How often server lists are exchanged with every active peer; default one hour.
         *
         * @param interval at least 1 ms
         * @return this
         */
        public Builder serverExchangeInterval(Duration interval) {
            this.serverExchangeInterval = atLeastOneMilli(interval, "serverExchangeInterval");
            return this;
        }

        /**
         * Binds and starts the server and its schedules; returns once it accepts connections.
         *
         * @return the running server
         * @throws IOException if the address cannot be bound
         */
        public MeshHttpServer start() throws IOException {
            MeshHttpHandler handler = new MeshHttpHandler(server);
            EmbeddedHttpServer.Builder builder = embeddedServer(handler).maxBodyBytes(handler.maxBodyBytes());
            if (sslContext != null) {
                builder.https(sslContext);
            }
            HttpPeerClient client = peerClient != null
                    ? peerClient
                    : MeshPeerSync.clientFor(server).build();
            EmbeddedHttpServer http = builder.build().start();
            return new MeshHttpServer(http, server, new MeshPeerSync(server, client), this, cleanUpEvery());
        }

        private static Duration atLeastOneMilli(Duration interval, String name) {
            Objects.requireNonNull(interval, name);
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException(name + " must be at least 1 ms");
            }
            return interval;
        }
    }
}
