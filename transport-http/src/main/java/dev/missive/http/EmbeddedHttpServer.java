package dev.missive.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP or HTTPS server on the JDK's {@code com.sun.net.httpserver}, one virtual thread per
 * exchange, that hands every request under a context path to a {@link RequestHandler}. Because each
 * exchange has its own virtual thread, a handler may block on an outbound call (a protocol callback
 * to the peer that is itself waiting on this server) without starving other requests.
 *
 * <p>Request read timeout: the JDK server reads its request time limit once per JVM from the system
 * property {@code sun.net.httpserver.maxReqTime} (seconds, covering headers and body). If the host
 * has not set it before the first server starts, this class sets it to
 * {@link #DEFAULT_MAX_REQUEST_SECONDS}, so a client that trickles a body cannot hold a connection
 * forever.
 */
public final class EmbeddedHttpServer implements AutoCloseable {

    /** The JVM-wide request time limit set when the host chose none. */
    public static final long DEFAULT_MAX_REQUEST_SECONDS = 30;

    private static final String MAX_REQ_TIME_PROPERTY = "sun.net.httpserver.maxReqTime";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedHttpServer.class);

    static {
        if (System.getProperty(MAX_REQ_TIME_PROPERTY) == null) {
            System.setProperty(MAX_REQ_TIME_PROPERTY, Long.toString(DEFAULT_MAX_REQUEST_SECONDS));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final RequestHandler handler;
    private final long maxBodyBytes;

    private EmbeddedHttpServer(Builder builder) throws IOException {
        this.handler = Objects.requireNonNull(builder.handler, "handler");
        this.maxBodyBytes = builder.maxBodyBytes;
        InetSocketAddress address = new InetSocketAddress(builder.host, builder.port);
        if (builder.sslContext != null) {
            HttpsServer https = HttpsServer.create(address, builder.backlog);
            https.setHttpsConfigurator(new HttpsConfigurator(builder.sslContext));
            this.server = https;
        } else {
            this.server = HttpServer.create(address, builder.backlog);
        }
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext(builder.contextPath, this::exchange);
    }

    /**
     * A builder for a server that passes every request to {@code handler}.
     *
     * @param handler answers every request under the context path
     * @return a new builder
     */
    public static Builder builder(RequestHandler handler) {
        return new Builder(handler);
    }

    /**
     * Starts accepting requests; returns once the socket is bound and listening.
     *
     * @return this server, now accepting
     */
    public EmbeddedHttpServer start() {
        server.start();
        return this;
    }

    /**
     * The bound address (the real port when the builder asked for port 0).
     *
     * @return the bound address
     */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * The bound port.
     *
     * @return the bound port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * {@code true} for an HTTPS server.
     *
     * @return whether the server speaks TLS
     */
    public boolean isHttps() {
        return server instanceof HttpsServer;
    }

    /** Stops accepting, gives running exchanges up to one second, and releases the threads. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            HttpResult result =
                    declaredTooLarge(exchange) ? HttpResult.error(413, "request body too large") : dispatch(exchange);
            respond(exchange, result);
        } catch (IOException | RuntimeException e) {
            // The client went away or the response could not be written; nothing to answer.
            LOG.debug("HTTP exchange failed: {}", e.toString());
        }
    }

    private HttpResult dispatch(HttpExchange exchange) {
        try (InputStream body = exchange.getRequestBody()) {
            return handler.handle(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    RequestHeaders.of(exchange.getRequestHeaders()),
                    body);
        } catch (IOException e) {
            return HttpResult.error(400, "request could not be read");
        } catch (RuntimeException e) {
            LOG.warn("request handler failed", e);
            return HttpResult.error(500, "internal error");
        }
    }

    /** Refuses an oversized body from its Content-Length alone, before reading any of it. */
    private boolean declaredTooLarge(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // the JDK server has already rejected malformed lengths
        }
    }

    private static void respond(HttpExchange exchange, HttpResult result) throws IOException {
        byte[] body = result.body();
        exchange.getResponseHeaders().set("Content-Type", HttpResult.CONTENT_TYPE);
        for (Map.Entry<String, String> header : result.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        exchange.sendResponseHeaders(result.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Configures an {@link EmbeddedHttpServer}. */
    public static final class Builder {

        private final RequestHandler handler;
        private String host = "127.0.0.1";
        private int port;
        private String contextPath = "/";
        private SSLContext sslContext;
        private long maxBodyBytes = 64 * 1024;
        private int backlog = 128;

        private Builder(RequestHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /**
         * The address to bind; default {@code 127.0.0.1}.
         *
         * @param host the host name or IP literal of the local interface; {@code 0.0.0.0} for all
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port to bind; 0 (the default) picks a free one.
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
         * The path prefix routed to the handler; default {@code /} (the handler sees full paths).
         *
         * @param contextPath the prefix, starting with {@code /}
         * @return this builder
         */
        public Builder contextPath(String contextPath) {
            this.contextPath = Objects.requireNonNull(contextPath, "contextPath");
            return this;
        }

        /**
         * Serve HTTPS with this context instead of plain HTTP.
         *
         * @param sslContext the TLS context holding the server's key and certificate
         * @return this builder
         */
        public Builder https(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * Bodies whose declared Content-Length exceeds this are answered 413 before being read; the
         * handler enforces its own cap on bodies without a declared length.
         *
         * @param maxBodyBytes the cap on a declared body length, in bytes
         * @return this builder
         */
        public Builder maxBodyBytes(long maxBodyBytes) {
            if (maxBodyBytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes must not be negative");
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * The TCP accept backlog; default 128.
         *
         * @param backlog the most pending connections the operating system queues
         * @return this builder
         */
        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /**
         * Binds the socket (not yet accepting: call {@link EmbeddedHttpServer#start()}).
         *
         * @return the bound server
         * @throws IOException if the address cannot be bound
         */
        public EmbeddedHttpServer build() throws IOException {
            return new EmbeddedHttpServer(this);
        }
    }
}
