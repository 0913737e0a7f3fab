package dev.missive.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Posts JSON to another node with OkHttp, under the rules every Missive HTTP protocol shares:
 * connect, read and whole-call timeouts; a cap on the response body; redirects never followed (a
 * node must answer for its own domain, so a redirect is reported as a failure); the response's
 * content type ignored (peers such as the Openmsg PHP reference answer JSON as {@code text/html}).
 * The body is returned byte for byte; callers parse it.
 *
 * <p>Instances are immutable, thread-safe, and share one connection pool; build one per process.
 */
public final class HttpPeerClient {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final int maxResponseBytes;

    private HttpPeerClient(Builder builder) {
        OkHttpClient.Builder okhttp = (builder.base != null ? builder.base.newBuilder() : new OkHttpClient.Builder())
                .connectTimeout(builder.connectTimeout)
                .readTimeout(builder.readTimeout)
                .writeTimeout(builder.readTimeout)
                .callTimeout(builder.callTimeout)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false);
        if (builder.base == null) {
            okhttp.connectionPool(new ConnectionPool(builder.maxIdleConnections, 5, TimeUnit.MINUTES));
        }
        if (builder.sslSocketFactory != null) {
            okhttp.sslSocketFactory(builder.sslSocketFactory, builder.trustManager);
        }
        this.client = okhttp.build();
        this.maxResponseBytes = builder.maxResponseBytes;
    }

    /**
     * A builder with the defaults: 5 s connect, 10 s read, 30 s per call, 64 KiB responses, up to 64
     * idle keep-alive connections (each reused connection saves a TCP and TLS handshake).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A client with the defaults and the JDK's trust store. */
    public static HttpPeerClient create() {
        return builder().build();
    }

    /**
     * POSTs {@code body} as {@code application/json} to {@code uri}.
     *
     * @return the status and the body as received (any status, except redirects)
     * @throws IOException when the peer cannot be reached, times out, redirects, or answers with a
     *                     body larger than the cap ({@link BodyTooLargeException})
     */
    public Answer post(URI uri, byte[] body) throws IOException {
        Objects.requireNonNull(uri, "uri");
        Request request = new Request.Builder()
                .url(uri.toString())
                .header("Accept", "application/json")
                .post(RequestBody.create(body, JSON))
                .build();
        try (Response response = client.newCall(request).execute()) {
            if (response.isRedirect()) {
                throw new IOException("peer answered with redirect " + response.code()
                        + "; a node must answer for its own domain");
            }
            return new Answer(response.code(), readCapped(response.body()));
        }
    }

    private byte[] readCapped(ResponseBody body) throws IOException {
        if (body.contentLength() > maxResponseBytes) {
            throw new BodyTooLargeException(maxResponseBytes);
        }
        try (InputStream in = body.byteStream()) {
            return BoundedBodies.readAll(in, maxResponseBytes);
        }
    }

    /** The underlying OkHttp client, e.g. to share its connection pool with another client. */
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

        public Answer {
            body = body.clone();
        }

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

        private Builder() {
        }

        /**
         * Start from an existing OkHttp client (its pool, dispatcher, interceptors); the timeouts,
         * redirect policy and trust set here still apply.
         */
        public Builder base(OkHttpClient base) {
            this.base = Objects.requireNonNull(base, "base");
            return this;
        }

        /** Time allowed to open the TCP connection (and TLS handshake). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout);
            return this;
        }

        /** Longest silence allowed while reading the response (and writing the request). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout);
            return this;
        }

        /** Bound on the whole call. It must cover the peer's own nested callback to us. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout);
            return this;
        }

        /** Largest response body accepted; larger ones fail the call. */
        public Builder maxResponseBytes(int maxResponseBytes) {
            if (maxResponseBytes < 0) {
                throw new IllegalArgumentException("maxResponseBytes must not be negative");
            }
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /**
         * How many idle keep-alive connections (to all peers together) are kept for reuse, 5 minutes
         * each; ignored with {@link #base}, whose pool is used.
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
         */
        public Builder trust(SSLSocketFactory sslSocketFactory, X509TrustManager trustManager) {
            this.sslSocketFactory = Objects.requireNonNull(sslSocketFactory, "sslSocketFactory");
            this.trustManager = Objects.requireNonNull(trustManager, "trustManager");
            return this;
        }

        /** The client, sharing one connection pool for every peer it calls. */
        public HttpPeerClient build() {
            return new HttpPeerClient(this);
        }

        private static Duration positive(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            return timeout;
        }
    }
}
