package dev.missive.mesh;

import java.util.Optional;

/** The HTTP endpoints of a mesh server ({@code docs/mesh.md}, "Endpoints"). */
public enum MeshEndpoint {
    /** {@code POST /send}: a client (or anyone) hands over a packet. */
    SEND("POST", "/send"),
    /** {@code POST /fetch}: J1 ({@code recipient} or {@code hashes}) and D0 (phrase) retrieval; insecure profiles only. */
    FETCH("POST", "/fetch"),
    /** {@code POST /fetch/by_recipient}: a recipient's packets, signed request. */
    FETCH_BY_RECIPIENT("POST", "/fetch/by_recipient"),
    /** {@code POST /fetch/by_hash}: named packets, signed by their recipient or by a known peer. */
    FETCH_BY_HASH("POST", "/fetch/by_hash"),
    /** {@code POST /discard}: the recipient deletes its packets, signed over the hash list. */
    DISCARD("POST", "/discard"),
    /** {@code POST /sync/hashes}: a peer's page of hashes; answered with the differences. */
    SYNC_HASHES("POST", "/sync/hashes"),
    /** {@code POST /sync/push}: a peer hands over wanted packets and discard tombstones. */
    SYNC_PUSH("POST", "/sync/push"),
    /** {@code POST /sync/servers}: signed server entries exchanged both ways. */
    SYNC_SERVERS("POST", "/sync/servers"),
    /** {@code GET /servers}: this server's signed entry and its active peers' entries it holds. */
    SERVERS("GET", "/servers"),
    /** {@code GET /status}: the load figure clients choose TX and RX servers by. */
    STATUS("GET", "/status"),
    /** {@code GET /version}: the accepted profiles, the origin to sign as audience, the server key. */
    VERSION("GET", "/version"),
    /** {@code GET /peers}: the peers with their scores, for operators. */
    PEERS("GET", "/peers");

    private final String method;
    private final String path;

    MeshEndpoint(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /**
     * {@code GET} or {@code POST}.
     *
     * @return the HTTP method
     */
    public String method() {
        return method;
    }

    /**
     * The path, starting with a slash.
     *
     * @return the request path
     */
    public String path() {
        return path;
    }

    /**
     * The endpoint with this method and path (a trailing slash tolerated), if any.
     *
     * @param method the HTTP method, upper case
     * @param path the request path, without query
     * @return the endpoint, or empty if no endpoint matches
     */
    public static Optional<MeshEndpoint> find(String method, String path) {
        if (method == null || path == null) {
            return Optional.empty();
        }
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (MeshEndpoint endpoint : values()) {
            if (endpoint.method.equalsIgnoreCase(method) && endpoint.path.equals(trimmed)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }
}
