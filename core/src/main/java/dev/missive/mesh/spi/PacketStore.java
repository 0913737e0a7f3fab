package dev.missive.mesh.spi;

import dev.missive.mesh.model.PacketHash;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The packets a mesh server holds, keyed by hash. Every method is atomic; implementations are
 * thread-safe. A packet whose {@code expiresAt} is at or before the caller's {@code now} is not
 * live: the query methods taking {@code now} skip it, and the server removes it (leaving a
 * tombstone) in {@code cleanUp()}.
 */
public interface PacketStore {

    /**
     * Stores {@code packet} unless a packet with the same hash is already held (live or not): the
     * first one wins and is never replaced.
     *
     * @return true if stored, false if the hash was already held (nothing changed)
     * @param packet the packet with its timestamps
     */
    boolean insert(StoredPacket packet);

    /** What {@link #insertUnlessTombstoned} did with a packet. */
    enum Insertion {
        /** Stored now. */
        STORED,
        /** Not stored: a packet with the same hash is already held. */
        HELD,
        /** Not stored: the hash has a live tombstone. */
        TOMBSTONED
    }

    /**
     * Stores {@code packet} unless its hash has a tombstone in {@code tombstones} that is live at
     * {@code now}, or a packet with the same hash is held; a tombstone takes precedence. The default
     * asks {@code tombstones}, then calls {@link #insert}; a store that shares a database with
     * {@code tombstones} does both in one statement.
     *
     * @param packet the packet with its timestamps
     * @param tombstones the server's tombstones
     * @param now the instant that decides whether a tombstone is live
     * @return what happened; only {@link Insertion#STORED} changed anything
     */
    default Insertion insertUnlessTombstoned(StoredPacket packet, TombstoneStore tombstones, Instant now) {
        if (!tombstones.present(List.of(packet.packet().hash()), now).isEmpty()) {
            return Insertion.TOMBSTONED;
        }
        return insert(packet) ? Insertion.STORED : Insertion.HELD;
    }

    /**
     * The packet with this hash, live or not.
     *
     * @param hash the packet hash
     * @return the packet, or empty if none is held
     */
    Optional<StoredPacket> find(PacketHash hash);

    /**
     * Live packets addressed to {@code recipient} (compared exactly), oldest {@code firstSeen}
     * first, ties by hash, at most {@code limit}.
     *
     * @param recipient the recipient's public key as sent on the wire
     * @param now the instant that decides liveness
     * @param limit the most packets to return
     * @return the packets, possibly empty
     */
    List<StoredPacket> findByRecipient(String recipient, Instant now, int limit);

    /**
     * Hashes of live {@link dev.missive.mesh.model.MeshProfile#J2} packets strictly greater than
     * {@code after} (all when empty), ascending, at most {@code limit}: one page of a sync round.
     *
     * @param after the last hash of the previous page, or empty for the first page
     * @param now the instant that decides liveness
     * @param limit the most hashes to return
     * @return the hashes, possibly empty
     */
    List<PacketHash> syncHashesAfter(Optional<PacketHash> after, Instant now, int limit);

    /**
     * Which of {@code hashes} are held as live packets.
     *
     * @param hashes the hashes to look up
     * @param now the instant that decides liveness
     * @return the subset held live
     */
    Set<PacketHash> heldLive(Collection<PacketHash> hashes, Instant now);

    /**
     * Removes the packet with this hash.
     *
     * @return true if one was removed
     * @param hash the packet hash
     */
    boolean delete(PacketHash hash);

    /**
     * Packets that are no longer live at {@code now}, at most {@code limit}, in any order.
     *
     * @param now the instant that decides liveness
     * @param limit the most packets to return
     * @return the expired packets, possibly empty
     */
    List<StoredPacket> expired(Instant now, int limit);

    /**
     * Number of live packets (the load figure of {@code GET /status}).
     *
     * @param now the instant that decides liveness
     * @return the count of live packets
     */
    long countLive(Instant now);
}
