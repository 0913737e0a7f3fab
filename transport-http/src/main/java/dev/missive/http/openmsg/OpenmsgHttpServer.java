package dev.missive.http.openmsg;

import dev.missive.http.CleanUpSchedule;
import dev.missive.http.EmbeddedHttpServer;
import dev.missive.http.HttpHostBuilder;
import dev.missive.openmsg.OpenmsgNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * An Openmsg node's receiving side as a ready-made HTTP(S) server: an {@link OpenmsgHttpHandler}
 * on an {@link EmbeddedHttpServer} (JDK server, one virtual thread per exchange, so the nested
 * callbacks of every Openmsg call are served while the caller waits).
 *
 * <pre>{@code
 * try (OpenmsgHttpServer server = OpenmsgHttpServer.builder(node).port(8443).https(sslContext).start()) {
 *     ...
 * }
 * }</pre>
 */
public final class OpenmsgHttpServer implements AutoCloseable {

    private final EmbeddedHttpServer server;
    private final CleanUpSchedule cleanUp;

    private OpenmsgHttpServer(EmbeddedHttpServer server, OpenmsgNode node, Duration cleanUpInterval) {
        this.server = server;
        this.cleanUp = new CleanUpSchedule("openmsg", cleanUpInterval, node::cleanUp);
    }

    /**
     * A builder serving {@code node} under {@code /openmsg/}.
     *
     * @param node the node to serve
     * @return a new builder
     */
    public static Builder builder(OpenmsgNode node) {
        return new Builder(node);
    }

    /**
     * The bound address (the real port when port 0 was asked for).
     *
     * @return the bound address
     */
    public InetSocketAddress address() {
        return server.address();
    }

    /**
     * The bound port.
     *
     * @return the bound port
     */
    public int port() {
        return server.port();
    }

    /**
     * {@code true} when serving HTTPS.
     *
     * @return whether the server speaks TLS
     */
    public boolean isHttps() {
        return server.isHttps();
    }

    /** Stops the clean-up schedule and the server. */
    @Override
    public void close() {
        cleanUp.close();
        server.close();
    }

    /** Configures an {@link OpenmsgHttpServer}. */
    public static final class Builder extends HttpHostBuilder<Builder> {

        private final OpenmsgNode node;
        private SSLContext sslContext;
        private int maxBodyBytes = OpenmsgHttpHandler.DEFAULT_MAX_BODY_BYTES;

        private Builder(OpenmsgNode node) {
            this.node = Objects.requireNonNull(node, "node");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Serve HTTPS (what every peer expects on port 443) instead of plain HTTP.
         *
         * @param sslContext the TLS context holding the server's key and certificate
         * @return this builder
         */
        public Builder https(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * The largest request body accepted; larger ones get 413.
         *
         * @param maxBodyBytes the cap in bytes
         * @return this builder
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Binds and starts the server; returns once it accepts connections.
         *
         * @return the running server; close it to stop
         * @throws IOException if the address cannot be bound
         */
        public OpenmsgHttpServer start() throws IOException {
            OpenmsgHttpHandler handler =
                    new OpenmsgHttpHandler(node, OpenmsgHttpHandler.DEFAULT_BASE_PATH, maxBodyBytes);
            EmbeddedHttpServer.Builder builder = embeddedServer(handler).maxBodyBytes(maxBodyBytes);
            if (sslContext != null) {
                builder.https(sslContext);
            }
            return new OpenmsgHttpServer(builder.build().start(), node, cleanUpEvery());
        }
    }
}
