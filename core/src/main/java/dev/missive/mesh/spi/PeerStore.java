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
     */
    boolean add(PeerRecord peer);

    /** The peer with this URL. */
    Optional<PeerRecord> find(String url);

    /** Every peer, ordered by URL. */
    List<PeerRecord> all();

    /**
     * Replaces the record of the peer with {@code peer.url()}.
     *
     * @return true if a record was replaced, false if no such peer exists (nothing stored)
     */
    boolean update(PeerRecord peer);

    /** Records a pending availability check (replacing one for the same peer and hash). */
    void addCheck(AvailabilityCheck check);

    /** The pending checks against {@code peerUrl}, ordered by hash. */
    List<AvailabilityCheck> checks(String peerUrl);

    /**
     * Removes the pending check for {@code peerUrl} and {@code hash}.
     *
     * @return true if one was removed
     */
    boolean removeCheck(String peerUrl, PacketHash hash);
}
