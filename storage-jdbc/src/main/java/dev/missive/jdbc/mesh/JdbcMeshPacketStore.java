package dev.missive.jdbc.mesh;

import static dev.missive.jdbc.Sql.exists;
import static dev.missive.jdbc.Sql.queryList;
import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;
import static dev.missive.jdbc.Sql.updateEach;

import dev.missive.jdbc.CombinedWork;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.Sql;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MeshProfile;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.spi.PacketStore;
import dev.missive.mesh.spi.StoredPacket;
import dev.missive.mesh.spi.TombstoneStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link PacketStore} in an SQLite or PostgreSQL database (table {@code mesh_packets}, migrations
 * of protocol {@code mesh}). The first packet stored under a hash wins: the insert is
 * {@code INSERT ... ON CONFLICT DO NOTHING}, so a second one with the same hash changes nothing,
 * even when two servers share one PostgreSQL database. {@link #insert} commits before it returns,
 * so a server acknowledges a send only after a durable write.
 */
public final class JdbcMeshPacketStore implements PacketStore {

    private static final String COLUMNS = "hash, recipient, message, signature, profile, first_seen, expires_at";

    /** A live tombstone of the hash bound first, at the instant bound second. */
    private static final String LIVE_TOMBSTONE = "SELECT 1 FROM mesh_tombstones WHERE hash = ? AND expires_at > ?";

    /** Stores a packet unless a live tombstone or the packet itself is already there (update count 0). */
    private static final String INSERT_UNLESS_TOMBSTONED = "INSERT INTO mesh_packets (" + COLUMNS
            + ") SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (" + LIVE_TOMBSTONE + ") ON CONFLICT (hash) DO NOTHING";

    private final CombinedWork<Arrival, Insertion> insertAllUnlessTombstoned = JdbcMeshPacketStore::insertAll;

    private final Database database;

    /**
     * Creates the store on {@code database}, migrating the mesh tables first if needed.
     *
     * @param database the database to keep the packets in
     */
    public JdbcMeshPacketStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.migrate(MeshTables.PROTOCOL);
    }

    @Override
    public boolean insert(StoredPacket packet) {
        Objects.requireNonNull(packet, "packet");
        MeshPacket wire = packet.packet();
        return database.write(
                MeshTables.PROTOCOL,
                "insertPacket",
                c -> update(
                                c,
                                "INSERT INTO mesh_packets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                                        + " ON CONFLICT (hash) DO NOTHING",
                                wire.hash().hex(),
                                wire.recipient(),
                                wire.message(),
                                wire.signature(),
                                packet.profile(),
                                packet.firstSeen(),
                                packet.expiresAt())
                        == 1);
    }

    /**
     * With tombstones in this store's database: one write unit whose {@code INSERT} stores the packet
     * only where no live tombstone names its hash; a second query, only when nothing was stored,
     * tells a tombstone from a held packet.
     */
    @Override
    public Insertion insertUnlessTombstoned(StoredPacket packet, TombstoneStore tombstones, Instant now) {
        Objects.requireNonNull(packet, "packet");
        Objects.requireNonNull(now, "now");
        if (!(tombstones instanceof JdbcMeshTombstoneStore sameDatabase) || !sameDatabase.uses(database)) {
            return PacketStore.super.insertUnlessTombstoned(packet, tombstones, now);
        }
        return database.write(
                MeshTables.PROTOCOL,
                "insertPacketUnlessTombstoned",
                insertAllUnlessTombstoned,
                new Arrival(packet, now));
    }

    /** One {@code /send}'s packet, as the group commit hands it to {@link #insertAllUnlessTombstoned}. */
    private record Arrival(StoredPacket packet, Instant now) {}

    /**
     * The arrivals of one group: every insert in one batch (one round trip on PostgreSQL), then, for
     * each packet not stored, whether a live tombstone or the packet already held stopped it. The
     * batch inserts packets only, never tombstones; only another instance's tombstone, committed or
     * purged between the insert and its check, can turn a {@code HELD} into {@code TOMBSTONED} or
     * back, as between the two statements of one unit.
     */
    private static List<Insertion> insertAll(Connection c, List<Arrival> arrivals) throws SQLException {
        List<Object[]> rows = new ArrayList<>(arrivals.size());
        for (Arrival arrival : arrivals) {
            MeshPacket wire = arrival.packet().packet();
            String hash = wire.hash().hex();
            rows.add(new Object[] {
                hash,
                wire.recipient(),
                wire.message(),
                wire.signature(),
                arrival.packet().profile(),
                arrival.packet().firstSeen(),
                arrival.packet().expiresAt(),
                hash,
                arrival.now()
            });
        }
        int[] stored = updateEach(c, INSERT_UNLESS_TOMBSTONED, rows);
        List<Insertion> insertions = new ArrayList<>(arrivals.size());
        for (int i = 0; i < stored.length; i++) {
            if (stored[i] == 1) {
                insertions.add(Insertion.STORED);
            } else {
                boolean tombstoned = exists(
                        c, LIVE_TOMBSTONE, rows.get(i)[0], arrivals.get(i).now());
                insertions.add(tombstoned ? Insertion.TOMBSTONED : Insertion.HELD);
            }
        }
        return insertions;
    }

    @Override
    public Optional<StoredPacket> find(PacketHash hash) {
        Objects.requireNonNull(hash, "hash");
        return database.read(
                MeshTables.PROTOCOL,
                "findPacket",
                c -> queryOne(
                        c,
                        "SELECT " + COLUMNS + " FROM mesh_packets WHERE hash = ?",
                        JdbcMeshPacketStore::packet,
                        hash.hex()));
    }

    @Override
    public List<StoredPacket> findByRecipient(String recipient, Instant now, int limit) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(now, "now");
        return database.read(
                MeshTables.PROTOCOL,
                "findByRecipient",
                c -> queryList(
                        c,
                        "SELECT " + COLUMNS + " FROM mesh_packets WHERE recipient = ? AND expires_at > ?"
                                + " ORDER BY first_seen, hash LIMIT ?",
                        JdbcMeshPacketStore::packet,
                        recipient,
                        now,
                        Math.max(0, limit)));
    }

    @Override
    public List<PacketHash> syncHashesAfter(Optional<PacketHash> after, Instant now, int limit) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(now, "now");
        // Every hex hash sorts after the empty string, so "no cursor" is the empty string.
        String cursor = after.map(PacketHash::hex).orElse("");
        return database.read(
                MeshTables.PROTOCOL,
                "syncHashesAfter",
                c -> queryList(
                        c,
                        "SELECT hash FROM mesh_packets WHERE hash > ? AND profile = ? AND expires_at > ?"
                                + " ORDER BY hash LIMIT ?",
                        r -> new PacketHash(r.string(1)),
                        cursor,
                        MeshProfile.J2,
                        now,
                        Math.max(0, limit)));
    }

    @Override
    public Set<PacketHash> heldLive(Collection<PacketHash> hashes, Instant now) {
        Objects.requireNonNull(hashes, "hashes");
        Objects.requireNonNull(now, "now");
        if (hashes.isEmpty()) {
            return Set.of();
        }
        return database.read(MeshTables.PROTOCOL, "heldLive", c -> {
            Set<PacketHash> held = new HashSet<>();
            for (List<String> batch : MeshTables.batches(hashes)) {
                held.addAll(queryList(
                        c,
                        "SELECT hash FROM mesh_packets WHERE hash IN (" + MeshTables.placeholders(batch.size())
                                + ") AND expires_at > ?",
                        r -> new PacketHash(r.string(1)),
                        MeshTables.withBatch(batch, now)));
            }
            return held;
        });
    }

    @Override
    public boolean delete(PacketHash hash) {
        Objects.requireNonNull(hash, "hash");
        return database.write(
                MeshTables.PROTOCOL,
                "deletePacket",
                c -> update(c, "DELETE FROM mesh_packets WHERE hash = ?", hash.hex()) == 1);
    }

    @Override
    public List<StoredPacket> expired(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        return database.read(
                MeshTables.PROTOCOL,
                "expired",
                c -> queryList(
                        c,
                        "SELECT " + COLUMNS + " FROM mesh_packets WHERE expires_at <= ? ORDER BY expires_at LIMIT ?",
                        JdbcMeshPacketStore::packet,
                        now,
                        Math.max(0, limit)));
    }

    @Override
    public long countLive(Instant now) {
        Objects.requireNonNull(now, "now");
        return database.read(
                MeshTables.PROTOCOL,
                "countLive",
                c -> queryOne(c, "SELECT COUNT(*) FROM mesh_packets WHERE expires_at > ?", r -> r.longValue(1), now)
                        .orElse(0L));
    }

    private static StoredPacket packet(Sql.Row r) throws SQLException {
        MeshPacket wire = new MeshPacket(r.string(2), r.string(3), r.string(4), new PacketHash(r.string(1)));
        return new StoredPacket(wire, MeshProfile.valueOf(r.string(5)), r.instant(6), r.instant(7));
    }
}
