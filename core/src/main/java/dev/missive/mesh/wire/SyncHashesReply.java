package dev.missive.mesh.wire;

import dev.missive.mesh.model.PacketHash;
import java.util.List;
import java.util.Optional;

/**
 * The answer to {@code POST /sync/hashes}.
 *
 * @param missing    live hashes the answering server holds in the covered range that the caller lacks
 * @param wanted     hashes of the caller's page in the covered range the answering server lacks and
 *                   has not tombstoned
 * @param tombstones discard tombstones for hashes of the caller's page, with their proofs
 * @param next       the end of the covered range when the round is not finished (the next page
 *                   starts after it); empty when the round is complete
 */
public record SyncHashesReply(
        List<PacketHash> missing,
        List<PacketHash> wanted,
        List<ForwardedTombstone> tombstones,
        Optional<PacketHash> next) {

    /** Keeps immutable copies of the lists. */
    public SyncHashesReply {
        missing = List.copyOf(missing);
        wanted = List.copyOf(wanted);
        tombstones = List.copyOf(tombstones);
        java.util.Objects.requireNonNull(next, "next");
    }
}
