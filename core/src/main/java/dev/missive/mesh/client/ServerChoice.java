package dev.missive.mesh.client;

import java.util.List;
import java.util.Objects;

/**
 * The servers a client uses: TX servers to send through and a different RX server to fetch from,
 * so that one operator does not see both directions ({@code docs/mesh.md}, "Client").
 *
 * @param tx the servers to send each packet to, best first
 * @param rx the server to fetch from, never one of {@code tx}
 */
public record ServerChoice(List<String> tx, String rx) {

    /** Checks the components. */
    public ServerChoice {
        tx = List.copyOf(tx);
        Objects.requireNonNull(rx, "rx");
        if (tx.isEmpty() || tx.contains(rx)) {
            throw new IllegalArgumentException("at least one TX server, none of them the RX server");
        }
    }
}
