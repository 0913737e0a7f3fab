package dev.missive.http.osms;

import dev.missive.http.HttpClientRules;
import dev.missive.http.SocksProxy;
import dev.missive.osms.spi.OsmsHttpRequest;
import dev.missive.osms.spi.OsmsHttpResponse;
import dev.missive.osms.spi.OsmsTransport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The OSMS client's {@link OsmsTransport} on OkHttp: each request goes to the server's base URL plus
 * the request's path, with connect, read and whole-call timeouts, a cap on the response body, and
 * redirects refused (a directory server answers for itself). With a {@link SocksProxy} every
 * connection goes through the proxy and host names, {@code .onion} ones included, are resolved by
 * the proxy only.
 *
 * <p>Instances are immutable and thread-safe; they share one OkHttp connection pool.
 */
public final class OkHttpOsmsTransport implements OsmsTransport {

    private final HttpUrl base;
    private final OkHttpClient client;
    private final int maxResponseBytes;

    private OkHttpOsmsTransport(Builder builder) {
        this.base = builder.base;
        OkHttpClient.Builder okhttp = HttpClientRules.builder(
                builder.client, builder.connectTimeout, builder.readTimeout, builder.callTimeout);
        if (builder.socks != null) {
            builder.socks.applyTo(okhttp);
        }
        this.client = okhttp.build();
        this.maxResponseBytes = builder.maxResponseBytes;
    }

    /**
     * A builder for a transport to the server at {@code baseUrl}.
     *
     * @param baseUrl the server, e.g. {@code http://127.0.0.1:8080} or {@code http://NAME.onion}
     * @return the builder
     * @throws IllegalArgumentException if {@code baseUrl} is not an http(s) URL
     */
    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /**
     * The server's base URL.
     *
     * @return the URL requests are resolved against
     */
    public URI baseUrl() {
        return base.uri();
    }

    @Override
    public OsmsHttpResponse exchange(OsmsHttpRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        Request.Builder http = new Request.Builder().url(resolve(request.path()));
        String contentType = null;
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                contentType = header.getValue();
            } else {
                http.header(header.getKey(), header.getValue());
            }
        }
        if ("GET".equals(request.method())) {
            http.get();
        } else {
            MediaType type = contentType == null ? null : MediaType.parse(contentType);
            http.method(request.method(), RequestBody.create(request.body(), type));
        }
        try (Response response = client.newCall(http.build()).execute()) {
            byte[] body = HttpClientRules.body(response, maxResponseBytes);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : response.headers().names()) {
                headers.put(name, response.header(name));
            }
            return new OsmsHttpResponse(response.code(), headers, body);
        }
    }

    /** The base URL with {@code path} appended (the base's own path kept as a prefix). */
    private HttpUrl resolve(String path) {
        String prefix = base.encodedPath().endsWith("/")
                ? base.encodedPath().substring(0, base.encodedPath().length() - 1)
                : base.encodedPath();
        HttpUrl url = base.newBuilder()
                .encodedPath(prefix + (path.startsWith("/") ? path : "/" + path))
                .build();
        return url;
    }

    /** Configures an {@link OkHttpOsmsTransport}. */
    public static final class Builder {

        private final HttpUrl base;
        private OkHttpClient client;
        private SocksProxy socks;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(60);
        private int maxResponseBytes = 1024 * 1024;

        private Builder(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            HttpUrl parsed = HttpUrl.parse(baseUrl.toString());
            if (parsed == null) {
                throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
            }
            this.base = parsed;
        }

        /**
         * Start from an existing OkHttp client (its pool, dispatcher, interceptors); the timeouts,
         * redirect policy and proxy set here still apply.
         *
         * @param client the client to derive from
         * @return this builder
         */
        public Builder client(OkHttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Reach the server through a SOCKS5 proxy (Tor), names resolved by the proxy only.
         *
         * @param socks the proxy
         * @return this builder
         */
        public Builder socks(SocksProxy socks) {
            this.socks = Objects.requireNonNull(socks, "socks");
            return this;
        }

        /**
         * Time allowed to open a connection (default 10 s; Tor circuits are slow to build).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = HttpClientRules.positive(timeout);
            return this;
        }

        /**
         * Longest silence while reading a response or writing a request (default 30 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = HttpClientRules.positive(timeout);
            return this;
        }

        /**
         * Bound on one whole exchange (default 60 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = HttpClientRules.positive(timeout);
            return this;
        }

        /**
         * Largest response body accepted (default 1 MiB); a larger one fails the exchange.
         *
         * @param maxResponseBytes the cap
         * @return this builder
         */
        public Builder maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = HttpClientRules.responseCap(maxResponseBytes);
            return this;
        }

        /**
         * Builds the transport.
         *
         * @return the transport
         */
        public OkHttpOsmsTransport build() {
            return new OkHttpOsmsTransport(this);
        }
    }
}
