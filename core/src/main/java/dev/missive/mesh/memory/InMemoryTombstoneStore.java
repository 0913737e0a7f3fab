package dev.missive.mesh.memory;

import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.spi.Tombstone;
import dev.missive.mesh.spi.TombstoneStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link TombstoneStore} held in memory: for tests and hosts that accept losing tombstones on restart. */
public final class InMemoryTombstoneStore implements TombstoneStore {

    private final ConcurrentMap<PacketHash, Tombstone> tombstones = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryTombstoneStore() {}

    @Override
    public boolean add(Tombstone tombstone, Instant now) {
        Objects.requireNonNull(tombstone, "tombstone");
        Objects.requireNonNull(now, "now");
        boolean[] added = {false};
        tombstones.compute(tombstone.hash(), (hash, current) -> {
            if (current != null && current.expiresAt().isAfter(now)) {
                return current;
            }
            added[0] = true;
            return tombstone;
        });
        return added[0];
    }

    @Override
    public Set<PacketHash> present(Collection<PacketHash> hashes, Instant now) {
        Set<PacketHash> present = new HashSet<>();
        for (Tombstone tombstone : find(hashes, now)) {
            present.add(tombstone.hash());
        }
        return present;
    }

    @Override
    public List<Tombstone> find(Collection<PacketHash> hashes, Instant now) {
        Objects.requireNonNull(now, "now");
        List<Tombstone> found = new ArrayList<>();
        for (PacketHash hash : new HashSet<>(hashes)) {
            Tombstone tombstone = tombstones.get(hash);
            if (tombstone != null && tombstone.expiresAt().isAfter(now)) {
                found.add(tombstone);
            }
        }
        return found;
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        int removed = 0;
        for (var entry : tombstones.entrySet()) {
            if (!entry.getValue().expiresAt().isAfter(now) && tombstones.remove(entry.getKey(), entry.getValue())) {
                removed++;
            }
        }
        return removed;
    }
}
