package dev.missive.mesh.spi;

import dev.missive.mesh.model.PacketHash;
import java.util.List;
import java.util.Optional;

/**
 * The peers of a mesh server, their scores, and the availability checks pending against them.
 * Every method is atomic; implementations are thread-safe.
 */
public interface PeerStore {

    /**
     * Adds {@code peer} unless one with the same URL exists.
     *
     * @return true if added
     * @param peer the peer to add
     */
    boolean add(PeerRecord peer);

    /**
     * The peer with this URL.
     *
     * @param url the peer's origin
     * @return the peer, or empty if unknown
     */
    Optional<PeerRecord> find(String url);

    /**
     * Every peer, ordered by URL.
     *
     * @return a snapshot of all peers, possibly empty
     */
    List<PeerRecord> all();

    /**
     * Replaces the record of the peer with {@code peer.url()}.
     *
     * @return true if a record was replaced, false if no such peer exists (nothing stored)
     * @param peer the new record
     */
    boolean update(PeerRecord peer);

    /**
     * Records a pending availability check (replacing one for the same peer and hash).
     *
     * @param check the pending check
     */
    void addCheck(AvailabilityCheck check);

    /**
     * The pending checks against {@code peerUrl}, ordered by hash.
     *
     * @param peerUrl the peer's origin
     * @return the checks, possibly empty
     */
    List<AvailabilityCheck> checks(String peerUrl);

    /**
     * Removes the pending check for {@code peerUrl} and {@code hash}.
     *
     * @return true if one was removed
     * @param peerUrl the peer's origin
     * @param hash the packet hash checked for
     */
    boolean removeCheck(String peerUrl, PacketHash hash);
}
