package dev.missive.smp.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an SMP server is and, for the encrypted transport, which key it must present.
 *
 * @param host    DNS name (RFC 1123), IPv4 literal, or IPv6 literal in brackets
 * @param port    TCP port (default {@value #DEFAULT_PORT})
 * @param keyHash SHA-256 of the server's transport key (32 bytes), or null for the plain transport
 */
public record ServerAddress(String host, int port, byte[] keyHash) {

    /** The seed's default port. */
    public static final int DEFAULT_PORT = 5223;

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");

    /** Checks the components and keeps its own copies of the arrays. */
    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw new IllegalArgumentException("not a host name or IP literal");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        if (keyHash != null && keyHash.length != 32) {
            throw new IllegalArgumentException("key hash must be 32 bytes (SHA-256)");
        }
        keyHash = keyHash == null ? null : keyHash.clone();
    }

    /**
     * A plain-transport address.
     *
     * @param host the server's host name or IP literal
     * @param port the TCP port, 1 to 65535
     * @return an address without a key hash
     */
    public static ServerAddress plain(String host, int port) {
        return new ServerAddress(host, port, null);
    }

    /**
     * Returns a copy of the key hash, or null for the plain transport: the record keeps its own.
     *
     * @return a copy of the SHA-256 hash of the server key, or {@code null}
     */
    @Override
    public byte[] keyHash() {
        return keyHash == null ? null : keyHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerAddress a
                && host.equalsIgnoreCase(a.host)
                && port == a.port
                && Arrays.equals(keyHash, a.keyHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host.toLowerCase(Locale.ROOT), port, Arrays.hashCode(keyHash));
    }

    @Override
    public String toString() {
        return host + ":" + port + (keyHash == null ? "" : " (pinned key)");
    }
}
