package dev.missive.mesh.client;

import java.util.Objects;

/**
 * A candidate server and how busy it looks: its {@code GET /status} load, or a latency the host
 * measured; lower is better.
 *
 * @param url  the server's origin
 * @param load the figure to compare (non-negative)
 */
public record ServerLoad(String url, long load) {

    /** Checks the components. */
    public ServerLoad {
        Objects.requireNonNull(url, "url");
        if (load < 0) {
            throw new IllegalArgumentException("load must not be negative");
        }
    }
}
