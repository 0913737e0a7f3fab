package dev.missive.mesh.memory;

import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.spi.AvailabilityCheck;
import dev.missive.mesh.spi.PeerRecord;
import dev.missive.mesh.spi.PeerStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link PeerStore} held in memory: for tests and hosts that accept losing peers on restart. */
public final class InMemoryPeerStore implements PeerStore {

    private final ConcurrentSkipListMap<String, PeerRecord> peers = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<String, ConcurrentSkipListMap<PacketHash, AvailabilityCheck>> checks =
            new ConcurrentSkipListMap<>();

    /** Creates an empty store. */
    public InMemoryPeerStore() {}

    @Override
    public boolean add(PeerRecord peer) {
        Objects.requireNonNull(peer, "peer");
        return peers.putIfAbsent(peer.url(), peer) == null;
    }

    @Override
    public Optional<PeerRecord> find(String url) {
        return Optional.ofNullable(peers.get(Objects.requireNonNull(url, "url")));
    }

    @Override
    public List<PeerRecord> all() {
        return List.copyOf(peers.values());
    }

    @Override
    public boolean update(PeerRecord peer) {
        Objects.requireNonNull(peer, "peer");
        return peers.replace(peer.url(), peer) != null;
    }

    @Override
    public void addCheck(AvailabilityCheck check) {
        Objects.requireNonNull(check, "check");
        checks.computeIfAbsent(check.peerUrl(), url -> new ConcurrentSkipListMap<>())
                .put(check.hash(), check);
    }

    @Override
    public List<AvailabilityCheck> checks(String peerUrl) {
        var forPeer = checks.get(Objects.requireNonNull(peerUrl, "peerUrl"));
        return forPeer == null ? List.of() : List.copyOf(forPeer.values());
    }

    @Override
    public boolean removeCheck(String peerUrl, PacketHash hash) {
        var forPeer = checks.get(Objects.requireNonNull(peerUrl, "peerUrl"));
        return forPeer != null && forPeer.remove(Objects.requireNonNull(hash, "hash")) != null;
    }
}
