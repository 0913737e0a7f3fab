package dev.missive.mesh.model;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Server origins as the mesh compares them: audiences of signed requests, server entries, peers
 * ({@code docs/mesh.md}, "Origins").
 */
public final class MeshOrigin {

    private MeshOrigin() {}

    /**
     * The canonical origin of {@code url}: lower-case {@code http} or {@code https} scheme and host,
     * the port only when it is not the scheme's default, no path, query, fragment or user info.
     *
     * @param url an http(s) URL, possibly with a path
     * @return the origin, or empty if {@code url} is not an absolute http(s) URL with a host
     */
    public static Optional<String> normalize(String url) {
        if (url == null || url.length() > 255) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.empty();
            }
            if (uri.getHost() == null
                    || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || (uri.getRawPath() != null
                            && !uri.getRawPath().isEmpty()
                            && !uri.getRawPath().equals("/"))) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort =
                    port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return Optional.of(
                    scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the origin's host is {@code localhost} or a literal loopback, private, link-local,
     * unspecified or unique-local address. Names are not resolved here (core does no I/O): a transport
     * that must also refuse names resolving to such addresses checks at connect time.
     *
     * @param origin a normalized origin
     * @return true if its host is local or private
     */
    public static boolean isPrivate(String origin) {
        String host = URI.create(origin).getHost().toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        if (host.startsWith("[")) {
            String v6 = host.substring(1, host.length() - 1);
            return v6.equals("::1")
                    || v6.equals("::")
                    || v6.startsWith("fc")
                    || v6.startsWith("fd")
                    || v6.startsWith("fe8")
                    || v6.startsWith("fe9")
                    || v6.startsWith("fea")
                    || v6.startsWith("feb")
                    || v6.startsWith("::ffff:");
        }
        String[] parts = host.split("\\.");
        if (parts.length != 4) {
            return false;
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}")) {
                return false;
            }
            octets[i] = Integer.parseInt(parts[i]);
        }
        return octets[0] == 127
                || octets[0] == 10
                || octets[0] == 0
                || (octets[0] == 172 && octets[1] >= 16 && octets[1] <= 31)
                || (octets[0] == 192 && octets[1] == 168)
                || (octets[0] == 169 && octets[1] == 254)
                || (octets[0] == 100 && octets[1] >= 64 && octets[1] <= 127);
    }
}
