package dev.missive.mesh.memory;

import dev.missive.mesh.model.MeshProfile;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.spi.PacketStore;
import dev.missive.mesh.spi.StoredPacket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link PacketStore} held in memory: for tests and hosts that accept losing packets on restart. */
public final class InMemoryPacketStore implements PacketStore {

    // Sorted by hash so that sync pages are range scans, as in a database index.
    private final ConcurrentSkipListMap<PacketHash, StoredPacket> packets = new ConcurrentSkipListMap<>();

    /** Creates an empty store. */
    public InMemoryPacketStore() {}

    @Override
    public boolean insert(StoredPacket packet) {
        Objects.requireNonNull(packet, "packet");
        return packets.putIfAbsent(packet.packet().hash(), packet) == null;
    }

    @Override
    public Optional<StoredPacket> find(PacketHash hash) {
        return Optional.ofNullable(packets.get(Objects.requireNonNull(hash, "hash")));
    }

    @Override
    public List<StoredPacket> findByRecipient(String recipient, Instant now, int limit) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(now, "now");
        return packets.values().stream()
                .filter(p -> p.liveAt(now) && p.packet().recipient().equals(recipient))
                .sorted(Comparator.comparing(StoredPacket::firstSeen)
                        .thenComparing(p -> p.packet().hash()))
                .limit(limit)
                .toList();
    }

    @Override
    public List<PacketHash> syncHashesAfter(Optional<PacketHash> after, Instant now, int limit) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(now, "now");
        var range = after.isPresent() ? packets.tailMap(after.get(), false) : packets;
        List<PacketHash> page = new ArrayList<>();
        for (StoredPacket packet : range.values()) {
            if (page.size() >= limit) {
                break;
            }
            if (packet.profile() == MeshProfile.J2 && packet.liveAt(now)) {
                page.add(packet.packet().hash());
            }
        }
        return page;
    }

    @Override
    public Set<PacketHash> heldLive(Collection<PacketHash> hashes, Instant now) {
        Objects.requireNonNull(now, "now");
        Set<PacketHash> held = new HashSet<>();
        for (PacketHash hash : hashes) {
            StoredPacket packet = packets.get(hash);
            if (packet != null && packet.liveAt(now)) {
                held.add(hash);
            }
        }
        return held;
    }

    @Override
    public boolean delete(PacketHash hash) {
        return packets.remove(Objects.requireNonNull(hash, "hash")) != null;
    }

    @Override
    public List<StoredPacket> expired(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        return packets.values().stream()
                .filter(p -> !p.liveAt(now))
                .limit(limit)
                .toList();
    }

    @Override
    public long countLive(Instant now) {
        Objects.requireNonNull(now, "now");
        return packets.values().stream().filter(p -> p.liveAt(now)).count();
    }
}
