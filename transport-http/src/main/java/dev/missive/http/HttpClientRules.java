package dev.missive.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The rules every Missive HTTP client built on OkHttp shares ({@link HttpPeerClient} for Openmsg,
 * the OSMS client's transport): connect, read/write and whole-call timeouts, redirects never
 * followed (a server answers for itself, so a redirect is a failure), and a cap on the response
 * body, enforced while reading.
 */
public final class HttpClientRules {

    private HttpClientRules() {}

    /**
     * An OkHttp builder with the timeouts and the redirect policy; the caller adds what its
     * protocol needs (pool, proxy, interceptors, trust).
     *
     * @param base           a client to derive from (its pool, dispatcher, interceptors), or null
     * @param connectTimeout time allowed to open a connection
     * @param readTimeout    longest silence while reading a response or writing a request
     * @param callTimeout    bound on one whole call
     * @return the builder
     */
    public static OkHttpClient.Builder builder(
            OkHttpClient base, Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
        return (base != null ? base.newBuilder() : new OkHttpClient.Builder())
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(callTimeout)
                .followRedirects(false)
                .followSslRedirects(false);
    }

    /**
     * The body of a response that is not a redirect, read under the cap.
     *
     * @param response the response (not closed here)
     * @param maxBytes the largest body accepted
     * @return the body's bytes
     * @throws RedirectRefusedException if the response is a redirect
     * @throws BodyTooLargeException    if the body announces or delivers more than {@code maxBytes}
     * @throws IOException              if reading fails
     */
    public static byte[] body(Response response, int maxBytes) throws IOException {
        if (response.isRedirect()) {
            throw new RedirectRefusedException(response.code());
        }
        ResponseBody body = response.body();
        if (body.contentLength() > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        try (InputStream in = body.byteStream()) {
            return BoundedBodies.readAll(in, maxBytes);
        }
    }

    /**
     * Checks a timeout a builder is given.
     *
     * @param timeout the timeout
     * @return {@code timeout}
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static Duration positive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return timeout;
    }

    /**
     * Checks a response cap a builder is given.
     *
     * @param maxResponseBytes the cap
     * @return {@code maxResponseBytes}
     * @throws IllegalArgumentException if it is negative
     */
    public static int responseCap(int maxResponseBytes) {
        if (maxResponseBytes < 0) {
            throw new IllegalArgumentException("maxResponseBytes must not be negative");
        }
        return maxResponseBytes;
    }
}
