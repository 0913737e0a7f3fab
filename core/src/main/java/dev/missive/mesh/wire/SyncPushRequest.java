package dev.missive.mesh.wire;

import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.ServerEntry;
import dev.missive.mesh.model.SignedRequest;
import java.util.List;
import java.util.Objects;

/**
 * {@code POST /sync/push}: packets the answering server wanted, and discard tombstones for packets
 * it offered that the caller discarded.
 *
 * @param from       the caller's signed server entry
 * @param auth       the caller's signature (purpose {@code sync_push}, covering every packet and tombstone hash)
 * @param packets    the packets
 * @param tombstones the tombstones with their proofs
 */
public record SyncPushRequest(
        ServerEntry from, SignedRequest auth, List<MeshPacket> packets, List<ForwardedTombstone> tombstones) {

    /** Checks the components and keeps immutable copies of the lists. */
    public SyncPushRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(auth, "auth");
        packets = List.copyOf(packets);
        tombstones = List.copyOf(tombstones);
    }
}
