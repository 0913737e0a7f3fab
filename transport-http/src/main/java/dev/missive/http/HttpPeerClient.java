package dev.missive.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * Posts JSON to another node with OkHttp, under the rules every Missive HTTP protocol shares:
 * connect, read and whole-call timeouts; a cap on the response body; redirects never followed (a
 * node must answer for its own domain, so a redirect is reported as a failure); the response's
 * content type ignored (peers such as the Openmsg PHP reference answer JSON as {@code text/html}).
 * The body is returned byte for byte; callers parse it.
 *
 * <p><b>Connection reuse and resends.</b> Keep-alive connections are pooled, and any peer may close
 * one while it is idle (HTTP/1.0 servers after every answer, nginx/Apache/load balancers after their
 * keep-alive timeout). OkHttp itself probes an idle HTTP/1 connection for that only after 10 s of
 * idleness, so a request could be written onto a connection the peer had just closed. Here every
 * reused HTTP/1 connection is probed before the request is written on it (a 1 ms read: end of
 * stream or unexpected bytes mean the peer closed it), and a connection whose last answer was
 * HTTP/1.0 without {@code Connection: keep-alive} is never reused. Such a connection is closed
 * without writing anything and the request is sent again, once, on a fresh connection (a pool that
 * keeps nothing); that is always safe because the peer never saw the first attempt. OkHttp's own
 * retry is on, but the request body is one-shot, so OkHttp only resends when the request was not
 * started (an HTTP/2 connection that was shut down before the stream opened), never after writing
 * it. A failure before anything was written is thrown as {@link RequestNotSentException}; any
 * other {@link IOException} means the peer may have received the request, and whether to send it
 * again is the protocol's decision.
 *
 * <p>Instances are immutable, thread-safe, and share one connection pool; build one per process.
 */
public final class HttpPeerClient {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final OkHttpClient freshConnections;
    private final int maxResponseBytes;
    /** Connections whose peer answered HTTP/1.0 without keep-alive: closed instead of reused. */
    private final Set<Connection> notReusable =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private HttpPeerClient(Builder builder) {
        OkHttpClient.Builder okhttp = HttpClientRules.builder(
                        builder.base, builder.connectTimeout, builder.readTimeout, builder.callTimeout)
                .retryOnConnectionFailure(true)
                .addNetworkInterceptor(this::markNonPersistent);
        EventListener.Factory baseListeners = builder.base != null ? builder.base.eventListenerFactory() : null;
        AttemptListener attempts = new AttemptListener();
        okhttp.eventListenerFactory(
                baseListeners == null
                        ? call -> attempts
                        : call -> baseListeners.create(call).plus(attempts));
        if (builder.base == null) {
            okhttp.connectionPool(new ConnectionPool(builder.maxIdleConnections, 5, TimeUnit.MINUTES));
        }
        if (builder.sslSocketFactory != null) {
            okhttp.sslSocketFactory(builder.sslSocketFactory, builder.trustManager);
        }
        this.client = okhttp.build();
        this.freshConnections = client.newBuilder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .build();
        this.maxResponseBytes = builder.maxResponseBytes;
    }

    /**
     * A builder with the defaults: 5 s connect, 10 s read, 30 s per call, 64 KiB responses, up to 64
     * idle keep-alive connections (each reused connection saves a TCP and TLS handshake).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client with the defaults and the JDK's trust store.
     *
     * @return the client
     */
    public static HttpPeerClient create() {
        return builder().build();
    }

    /**
     * POSTs {@code body} as {@code application/json} to {@code uri}. A request that failed on a pooled
     * connection the peer had closed, before anything was written, is sent again once on a fresh
     * connection.
     *
     * @param uri the absolute {@code http} or {@code https} URI to POST to
     * @param body the request body, sent as {@code application/json}
     * @return the status and the body as received (any status, except redirects)
     * @throws RequestNotSentException when the call failed before any byte of the request was written
     * @throws IOException              when the call failed after the request was (perhaps partly)
     *                                  written: reset, closed, timed out, a redirect
     *                                  ({@link RedirectRefusedException}) or an answer larger than the
     *                                  cap ({@link BodyTooLargeException})
     */
    public Answer post(URI uri, byte[] body) throws IOException {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(body, "body");
        Attempt first = new Attempt();
        try {
            return execute(client, uri, body, first);
        } catch (IOException e) {
            if (!first.closedStale) {
                throw first.writeStarted ? e : new RequestNotSentException(e);
            }
        }
        Attempt fresh = new Attempt();
        try {
            return execute(freshConnections, uri, body, fresh);
        } catch (IOException e) {
            throw fresh.writeStarted ? e : new RequestNotSentException(e);
        }
    }

    /**
     * GETs {@code uri} (read-only endpoints such as a server's status). A GET carries no body and
     * is safe to send again, so OkHttp's own retry covers a pooled connection the peer had closed.
     *
     * @return the status and the body as received (any status, except redirects)
     * @throws IOException when the call failed: refused, reset, timed out, a redirect
     *                     ({@link RedirectRefusedException}) or an answer larger than the cap
     *                     ({@link BodyTooLargeException})
     * @param uri the absolute http(s) URI to GET
     */
    public Answer get(URI uri) throws IOException {
        Objects.requireNonNull(uri, "uri");
        Request request = new Request.Builder()
                .url(uri.toString())
                .header("Accept", "application/json")
                .get()
                .build();
        try (Response response = client.newCall(request).execute()) {
            return new Answer(response.code(), HttpClientRules.body(response, maxResponseBytes));
        }
    }

    private Answer execute(OkHttpClient okhttp, URI uri, byte[] body, Attempt attempt) throws IOException {
        Request request = new Request.Builder()
                .url(uri.toString())
                .header("Accept", "application/json")
                .post(new OneShotJson(body))
                .tag(Attempt.class, attempt)
                .build();
        try (Response response = okhttp.newCall(request).execute()) {
            return new Answer(response.code(), HttpClientRules.body(response, maxResponseBytes));
        }
    }

    /** Remembers connections that must not carry another request: HTTP/1.0 answers without keep-alive. */
    private Response markNonPersistent(Interceptor.Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        Connection connection = chain.connection();
        if (connection != null
                && response.protocol() == Protocol.HTTP_1_0
                && !"keep-alive".equalsIgnoreCase(response.header("Connection"))) {
            notReusable.add(connection);
        }
        return response;
    }

    /**
     * True if an idle HTTP/1 connection is still open: a 1 ms read times out. End of stream means the
     * peer closed it; bytes (nothing is expected between two exchanges) or an error mean it is unusable.
     */
    private static boolean stillOpen(Socket socket) {
        if (socket.isClosed() || socket.isInputShutdown() || socket.isOutputShutdown()) {
            return false;
        }
        try {
            int timeout = socket.getSoTimeout();
            try {
                socket.setSoTimeout(1);
                socket.getInputStream().read();
                return false;
            } finally {
                socket.setSoTimeout(timeout);
            }
        } catch (SocketTimeoutException quiet) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What one attempt of a call did, recorded by {@link AttemptListener}. */
    private static final class Attempt {
        /** A new connection was opened for it (so there was nothing to probe). */
        volatile boolean connected;
        /** It got a pooled connection the peer had closed, and closed it before writing. */
        volatile boolean closedStale;
        /** Writing the request started. */
        volatile boolean writeStarted;
    }

    /** Probes reused connections before the request is written, and records each attempt's progress. */
    private final class AttemptListener extends EventListener {

        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            Attempt attempt = call.request().tag(Attempt.class);
            if (attempt != null) {
                attempt.connected = true;
            }
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            Attempt attempt = call.request().tag(Attempt.class);
            if (attempt == null
                    || attempt.connected
                    || connection.protocol() == Protocol.HTTP_2
                    || connection.protocol() == Protocol.H2_PRIOR_KNOWLEDGE) {
                return; // a fresh connection, or HTTP/2, whose shutdown OkHttp tracks itself
            }
            Socket socket = connection.socket();
            if (notReusable.remove(connection) || !stillOpen(socket)) {
                attempt.closedStale = true;
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing is all we want; the write on it fails and the call is resent.
                }
            }
        }

        @Override
        public void requestHeadersStart(Call call) {
            Attempt attempt = call.request().tag(Attempt.class);
            if (attempt != null && !attempt.closedStale) {
                attempt.writeStarted = true;
            }
        }
    }

    /**
     * The JSON body, marked one-shot so that OkHttp never sends it again by itself once writing
     * started (the resend decision after that belongs to the protocol).
     */
    private static final class OneShotJson extends RequestBody {

        private final byte[] body;

        OneShotJson(byte[] body) {
            this.body = body;
        }

        @Override
        public MediaType contentType() {
            return JSON;
        }

        @Override
        public long contentLength() {
            return body.length;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.write(body);
        }
    }

    /**
     * The underlying OkHttp client, e.g. to share its connection pool with another client.
     *
     * @return the OkHttp client
     */
    public OkHttpClient okHttpClient() {
        return client;
    }

    /**
     * What a peer answered.
     *
     * @param status the HTTP status
     * @param body   the response body as received
     */
    public record Answer(int status, byte[] body) {

        /** Keeps its own copies of the arrays it is given. */
        public Answer {
            body = body.clone();
        }

        /**
         * Returns a copy of the body: the record keeps its own.
         *
         * @return a copy of the body
         */
        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Answer that && status == that.status && java.util.Arrays.equals(body, that.body);
        }

        @Override
        public int hashCode() {
            return 31 * status + java.util.Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "Answer[status=" + status + ", body=" + body.length + " bytes]";
        }
    }

    /** Configures an {@link HttpPeerClient}. */
    public static final class Builder {

        private OkHttpClient base;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration callTimeout = Duration.ofSeconds(30);
        private int maxResponseBytes = 64 * 1024;
        private int maxIdleConnections = 64;
        private SSLSocketFactory sslSocketFactory;
        private X509TrustManager trustManager;

        private Builder() {}

        /**
         * Start from an existing OkHttp client (its pool, dispatcher, interceptors); the timeouts,
         * redirect policy and trust set here still apply.
         *
         * @param base the client to derive from
         * @return this builder
         */
        public Builder base(OkHttpClient base) {
            this.base = Objects.requireNonNull(base, "base");
            return this;
        }

        /**
         * Time allowed to open the TCP connection (and TLS handshake).
         *
         * @param timeout the connect timeout; positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = HttpClientRules.positive(timeout);
            return this;
        }

        /**
         * Longest silence allowed while reading the response (and writing the request).
         *
         * @param timeout the read timeout; positive
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = HttpClientRules.positive(timeout);
            return this;
        }

        /**
         * Bound on the whole call. It must cover the peer's own nested callback to us.
         *
         * @param timeout the call timeout; positive
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = HttpClientRules.positive(timeout);
            return this;
        }

        /**
         * Largest response body accepted; larger ones fail the call.
         *
         * @param maxResponseBytes the cap in bytes; not negative
         * @return this builder
         */
        public Builder maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = HttpClientRules.responseCap(maxResponseBytes);
            return this;
        }

        /**
         * How many idle keep-alive connections (to all peers together) are kept for reuse, 5 minutes
         * each; ignored with {@link #base}, whose pool is used.
         *
         * @param maxIdleConnections the pool size; zero keeps no idle connection
         * @return this builder
         */
        public Builder maxIdleConnections(int maxIdleConnections) {
            if (maxIdleConnections < 0) {
                throw new IllegalArgumentException("maxIdleConnections must not be negative");
            }
            this.maxIdleConnections = maxIdleConnections;
            return this;
        }

        /**
         * Trust these certificates instead of the JDK's defaults (tests, private deployments). The
         * host name is still verified against the certificate.
         *
         * @param sslSocketFactory the factory whose sockets trust {@code trustManager}
         * @param trustManager the trust manager holding the accepted certificates
         * @return this builder
         */
        public Builder trust(SSLSocketFactory sslSocketFactory, X509TrustManager trustManager) {
            this.sslSocketFactory = Objects.requireNonNull(sslSocketFactory, "sslSocketFactory");
            this.trustManager = Objects.requireNonNull(trustManager, "trustManager");
            return this;
        }

        /**
         * The client, sharing one connection pool for every peer it calls.
         *
         * @return the client
         */
        public HttpPeerClient build() {
            return new HttpPeerClient(this);
        }
    }
}
