package dev.missive.mesh.spi;

import dev.missive.mesh.model.PacketHash;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Tombstones of a mesh server ({@link Tombstone}). Every method is atomic; implementations are
 * thread-safe. A tombstone whose {@code expiresAt} is at or before the caller's {@code now} counts
 * as absent.
 */
public interface TombstoneStore {

    /**
     * Records {@code tombstone} unless a live one for the same hash exists.
     *
     * @return true if recorded
     * @param tombstone the tombstone with its proof and expiry
     * @param now the instant that decides whether an existing tombstone is live
     */
    boolean add(Tombstone tombstone, Instant now);

    /**
     * Which of {@code hashes} have a live tombstone.
     *
     * @param hashes the hashes to look up
     * @param now the instant that decides liveness
     * @return the subset with a live tombstone
     */
    Set<PacketHash> present(Collection<PacketHash> hashes, Instant now);

    /**
     * The live tombstones among {@code hashes}, in any order.
     *
     * @param hashes the hashes to look up
     * @param now the instant that decides liveness
     * @return the tombstones found, possibly empty
     */
    List<Tombstone> find(Collection<PacketHash> hashes, Instant now);

    /**
     * Deletes tombstones whose expiry is at or before {@code now}.
     *
     * @return how many were deleted
     * @param now the instant that decides expiry
     */
    int purgeExpired(Instant now);
}
