package dev.missive.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * A SOCKS5 proxy (typically Tor's, {@code 127.0.0.1:9050}) through which an OkHttp client reaches
 * every host <em>by name</em>: the host name of each request travels to the proxy unresolved (SOCKS5
 * address type DOMAINNAME), which is what a {@code .onion} address needs and what keeps the names a
 * client visits out of the local resolver's logs.
 *
 * <p>{@link #applyTo} routes the client through the proxy and replaces its {@link Dns} with one that
 * refuses every lookup: OkHttp hands SOCKS proxies unresolved addresses and never asks its resolver,
 * so the refusing resolver only turns a future regression into a failed call instead of a silent
 * local lookup. Only the proxy's own address is resolved, once, when this value is created.
 *
 * @param host the proxy's host name or address
 * @param port the proxy's port
 */
public record SocksProxy(String host, int port) {

    /** What a refused local lookup says. */
    static final String NO_LOCAL_DNS = "no local DNS lookup through a SOCKS proxy: ";

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the host is empty or the port is not 1 to 65535
     */
    public SocksProxy {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("proxy host must not be empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("proxy port out of range: " + port);
        }
    }

    /**
     * Parses {@code HOST:PORT} (an IPv6 host in brackets, {@code [::1]:9050}).
     *
     * @param value the text, e.g. {@code 127.0.0.1:9050}
     * @return the proxy
     * @throws IllegalArgumentException if the text is not {@code HOST:PORT} with a port from 1 to 65535
     */
    public static SocksProxy parse(String value) {
        Objects.requireNonNull(value, "value");
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 proxy address goes in brackets: [::1]:9050");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number", e);
        }
        return new SocksProxy(host, port);
    }

    /**
     * The proxy as a {@link Proxy} of type SOCKS; its own address is resolved here.
     *
     * @return the proxy
     */
    public Proxy toProxy() {
        return new Proxy(Proxy.Type.SOCKS, new InetSocketAddress(host, port));
    }

    /**
     * Routes {@code builder}'s client through this proxy, with host names resolved by the proxy only.
     *
     * @param builder the OkHttp client builder to change
     * @return the same builder
     */
    public OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
        return builder.proxy(toProxy()).dns(RefuseLocalLookups.INSTANCE);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** The resolver of a proxied client: every lookup is refused, so none can happen locally. */
    private enum RefuseLocalLookups implements Dns {
        INSTANCE;

        @Override
        public List<InetAddress> lookup(String hostname) throws UnknownHostException {
            throw new UnknownHostException(NO_LOCAL_DNS + hostname);
        }
    }
}
