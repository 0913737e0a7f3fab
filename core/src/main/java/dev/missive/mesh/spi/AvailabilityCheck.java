package dev.missive.mesh.spi;

import dev.missive.mesh.model.PacketHash;
import java.time.Instant;
import java.util.Objects;

/**
 * A packet a peer accepted from this server and must make available to sync within
 * {@code MeshConfig.availabilityBound} ({@code docs/mesh.md}, "Misbehaviour").
 *
 * @param peerUrl    the peer that accepted it
 * @param hash       the packet's hash
 * @param acceptedAt when the peer acknowledged it
 */
public record AvailabilityCheck(String peerUrl, PacketHash hash, Instant acceptedAt) {

    /** Checks that every component is present. */
    public AvailabilityCheck {
        Objects.requireNonNull(peerUrl, "peerUrl");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }
}
