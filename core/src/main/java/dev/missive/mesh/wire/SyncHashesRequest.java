package dev.missive.mesh.wire;

import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.ServerEntry;
import dev.missive.mesh.model.SignedRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /sync/hashes}: one page of the caller's hashes ({@code docs/mesh.md}, "Sync").
 *
 * @param from     the caller's signed server entry
 * @param auth     the caller's signature (purpose {@code sync_hashes}, covering {@code hashes})
 * @param after    the page covers hashes strictly greater than this (from the start when empty)
 * @param hashes   the caller's live hashes in the page, ascending
 * @param complete whether the caller holds no hash beyond the last of {@code hashes}
 */
public record SyncHashesRequest(
        ServerEntry from, SignedRequest auth, Optional<PacketHash> after, List<PacketHash> hashes, boolean complete) {

    /** Checks the components and keeps an immutable copy of the list. */
    public SyncHashesRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(after, "after");
        hashes = List.copyOf(hashes);
    }
}
