package dev.missive.jdbc.mesh;

import static dev.missive.jdbc.Sql.queryList;
import static dev.missive.jdbc.Sql.update;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.Sql;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.SignedRequest;
import dev.missive.mesh.spi.Tombstone;
import dev.missive.mesh.spi.TombstoneReason;
import dev.missive.mesh.spi.TombstoneStore;
import dev.missive.mesh.wire.MeshJson;
import dev.missive.mesh.wire.MeshWireException;
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
 * A {@link TombstoneStore} in an SQLite or PostgreSQL database (table {@code mesh_tombstones},
 * migrations of protocol {@code mesh}). A discard's signed request is kept in column {@code proof}
 * as its JSON ({@code MeshJson.encodeProof}), so that the proof forwarded to peers is the request
 * exactly as the recipient signed it.
 */
public final class JdbcMeshTombstoneStore implements TombstoneStore {

    private static final String COLUMNS = "hash, reason, recipient, created_at, expires_at, proof";

    private final Database database;

    /**
     * Creates the store on {@code database}, migrating the mesh tables first if needed.
     *
     * @param database the database to keep the tombstones in
     */
    public JdbcMeshTombstoneStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.migrate(MeshTables.PROTOCOL);
    }

    /** Whether this store keeps its tombstones in {@code other}, so a packet store there can join them. */
    boolean uses(Database other) {
        return database == other;
    }

    @Override
    public boolean add(Tombstone tombstone, Instant now) {
        Objects.requireNonNull(tombstone, "tombstone");
        Objects.requireNonNull(now, "now");
        Optional<SignedRequest> proof = tombstone.proof();
        return database.write(MeshTables.PROTOCOL, "addTombstone", c -> {
            // An expired tombstone counts as absent: the new one takes its place.
            update(
                    c,
                    "DELETE FROM mesh_tombstones WHERE hash = ? AND expires_at <= ?",
                    tombstone.hash().hex(),
                    now);
            return update(
                            c,
                            "INSERT INTO mesh_tombstones (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
                                    + " ON CONFLICT (hash) DO NOTHING",
                            tombstone.hash().hex(),
                            tombstone.reason(),
                            tombstone.recipient(),
                            tombstone.createdAt(),
                            tombstone.expiresAt(),
                            proof.map(MeshJson::encodeProof).orElse(null))
                    == 1;
        });
    }

    @Override
    public Set<PacketHash> present(Collection<PacketHash> hashes, Instant now) {
        Objects.requireNonNull(hashes, "hashes");
        Objects.requireNonNull(now, "now");
        if (hashes.isEmpty()) {
            return Set.of();
        }
        return database.read(MeshTables.PROTOCOL, "presentTombstones", c -> {
            Set<PacketHash> present = new HashSet<>();
            for (List<String> batch : MeshTables.batches(hashes)) {
                present.addAll(queryList(
                        c,
                        "SELECT hash FROM mesh_tombstones WHERE hash IN (" + MeshTables.placeholders(batch.size())
                                + ") AND expires_at > ?",
                        r -> new PacketHash(r.string(1)),
                        MeshTables.withBatch(batch, now)));
            }
            return present;
        });
    }

    @Override
    public List<Tombstone> find(Collection<PacketHash> hashes, Instant now) {
        Objects.requireNonNull(hashes, "hashes");
        Objects.requireNonNull(now, "now");
        if (hashes.isEmpty()) {
            return List.of();
        }
        return database.read(MeshTables.PROTOCOL, "findTombstones", c -> {
            List<Tombstone> found = new ArrayList<>();
            for (List<String> batch : MeshTables.batches(hashes)) {
                found.addAll(queryList(
                        c,
                        "SELECT " + COLUMNS + " FROM mesh_tombstones WHERE hash IN ("
                                + MeshTables.placeholders(batch.size()) + ") AND expires_at > ?",
                        JdbcMeshTombstoneStore::tombstone,
                        MeshTables.withBatch(batch, now)));
            }
            return found;
        });
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return database.write(
                MeshTables.PROTOCOL,
                "purgeTombstones",
                c -> update(c, "DELETE FROM mesh_tombstones WHERE expires_at <= ?", now));
    }

    private static Tombstone tombstone(Sql.Row r) throws SQLException {
        String proof = r.string(6);
        try {
            return new Tombstone(
                    new PacketHash(r.string(1)),
                    TombstoneReason.valueOf(r.string(2)),
                    r.string(3),
                    r.instant(4),
                    r.instant(5),
                    proof == null ? Optional.empty() : Optional.of(MeshJson.decodeProof(proof)));
        } catch (MeshWireException e) {
            throw new SQLException("unreadable proof in mesh_tombstones", e);
        }
    }
}
