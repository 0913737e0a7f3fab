package dev.missive.http;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Which proxy an outbound client uses: the JVM's standard proxy settings ({@link #SYSTEM}: the
 * default {@link ProxySelector}, which reads {@code http.proxyHost}/{@code http.proxyPort},
 * {@code https.proxyHost}/{@code https.proxyPort}, {@code socksProxyHost}/{@code socksProxyPort},
 * {@code http.nonProxyHosts} and {@code java.net.useSystemProxies}), no proxy at all
 * ({@link #DIRECT}), or one given HTTP or SOCKS proxy. A client that sends and one that receives
 * can each be given their own, so one proxy operator never sees both directions of a user's
 * traffic.
 *
 * @param kind the kind of choice
 * @param host the proxy's host for {@link Kind#HTTP} and {@link Kind#SOCKS}, else {@code null}
 * @param port the proxy's port for {@link Kind#HTTP} and {@link Kind#SOCKS}, else 0
 */
public record ProxyChoice(Kind kind, String host, int port) {

    /** The kinds of proxy choice. */
    public enum Kind {
        /** The JVM's standard proxy settings (its default {@link ProxySelector}). */
        SYSTEM,
        /** No proxy, whatever the JVM's settings say. */
        DIRECT,
        /** An HTTP proxy ({@code CONNECT} for HTTPS targets). */
        HTTP,
        /** A SOCKS 5 proxy (the JDK's SOCKS client; names are resolved locally). */
        SOCKS
    }

    /** The JVM's standard proxy settings. */
    public static final ProxyChoice SYSTEM = new ProxyChoice(Kind.SYSTEM, null, 0);

    /** No proxy. */
    public static final ProxyChoice DIRECT = new ProxyChoice(Kind.DIRECT, null, 0);

    /** Checks that a host and port are given exactly for the kinds that need them. */
    public ProxyChoice {
        Objects.requireNonNull(kind, "kind");
        boolean needsAddress = kind == Kind.HTTP || kind == Kind.SOCKS;
        if (needsAddress) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("proxy host must not be blank");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("proxy port out of range: " + port);
            }
        } else if (host != null || port != 0) {
            throw new IllegalArgumentException(kind + " takes no host or port");
        }
    }

    /**
     * Parses {@code system}, {@code direct}, {@code http://HOST:PORT} or
     * {@code socks5://HOST:PORT} (also {@code socks://}).
     *
     * @param text the choice as an operator writes it
     * @return the choice
     * @throws IllegalArgumentException naming what is wrong (never echoing credentials, which a
     *                                  proxy URL must not carry anyway)
     */
    public static ProxyChoice parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "system" -> {
                return SYSTEM;
            }
            case "direct", "none" -> {
                return DIRECT;
            }
            default -> {
                // fall through to the URL forms
            }
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a proxy URL (expected http://HOST:PORT or socks5://HOST:PORT)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Kind kind = switch (scheme) {
            case "http" -> Kind.HTTP;
            case "socks", "socks5" -> Kind.SOCKS;
            default ->
                throw new IllegalArgumentException(
                        "unsupported proxy scheme (expected system, direct, http://HOST:PORT or socks5://HOST:PORT)");
        };
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("proxy credentials are not supported");
        }
        if (uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("a proxy URL needs a host and a port");
        }
        if ((uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
                || uri.getQuery() != null) {
            throw new IllegalArgumentException("a proxy URL has no path or query");
        }
        return new ProxyChoice(kind, uri.getHost(), uri.getPort());
    }

    /**
     * Sets this choice on an OkHttp builder: a fixed proxy for {@link Kind#HTTP}, {@link Kind#SOCKS}
     * and {@link Kind#DIRECT}, the JVM's default selector (asked for every connection, so a setting
     * changed at run time applies) for {@link Kind#SYSTEM}.
     *
     * @param builder the builder to configure
     * @return {@code builder}
     */
    public OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        return switch (kind) {
            case SYSTEM -> builder.proxy(null).proxySelector(systemSelector());
            case DIRECT -> builder.proxy(Proxy.NO_PROXY);
            case HTTP -> builder.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port)));
            case SOCKS -> builder.proxy(new Proxy(Proxy.Type.SOCKS, InetSocketAddress.createUnresolved(host, port)));
        };
    }

    private static ProxySelector systemSelector() {
        ProxySelector selector = ProxySelector.getDefault();
        return selector != null ? selector : ProxySelector.of(null);
    }

    /** The choice as {@link #parse} reads it. */
    @Override
    public String toString() {
        return switch (kind) {
            case SYSTEM -> "system";
            case DIRECT -> "direct";
            case HTTP -> "http://" + host + ":" + port;
            case SOCKS -> "socks5://" + host + ":" + port;
        };
    }
}
