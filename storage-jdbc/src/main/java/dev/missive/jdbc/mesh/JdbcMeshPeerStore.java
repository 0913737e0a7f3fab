package dev.missive.jdbc.mesh;

import static dev.missive.jdbc.Sql.queryList;
import static dev.missive.jdbc.Sql.queryOne;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.Sql;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.PeerStatus;
import dev.missive.mesh.model.ServerEntry;
import dev.missive.mesh.spi.AvailabilityCheck;
import dev.missive.mesh.spi.PeerRecord;
import dev.missive.mesh.spi.PeerStore;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link PeerStore} in an SQLite or PostgreSQL database (tables {@code mesh_peers} and
 * {@code mesh_peer_checks}, migrations of protocol {@code mesh}): the operator's view of the mesh
 * (peers with their scores) survives a restart, and so do the availability checks still pending
 * against them.
 */
public final class JdbcMeshPeerStore implements PeerStore {

    private static final String COLUMNS =
            "url, entry_url, entry_key, entry_signed_at, entry_signature, score, status, since, last_sync,"
                    + " last_sync IS NULL";

    private final Database database;

    /**
     * Creates the store on {@code database}, migrating the mesh tables first if needed.
     *
     * @param database the database to keep the peers in
     */
    public JdbcMeshPeerStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.migrate(MeshTables.PROTOCOL);
    }

    @Override
    public boolean add(PeerRecord peer) {
        Objects.requireNonNull(peer, "peer");
        return database.write(
                MeshTables.PROTOCOL,
                "addPeer",
                c -> Sql.update(
                                c,
                                "INSERT INTO mesh_peers (url, entry_url, entry_key, entry_signed_at, entry_signature,"
                                        + " score, status, since, last_sync) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                        + " ON CONFLICT (url) DO NOTHING",
                                peer.url(),
                                peer.entry().map(ServerEntry::url).orElse(null),
                                peer.entry().map(ServerEntry::key).orElse(null),
                                peer.entry().map(ServerEntry::signedAt).orElse(null),
                                peer.entry().map(ServerEntry::signature).orElse(null),
                                peer.score(),
                                peer.status(),
                                peer.since(),
                                peer.lastSync().orElse(null))
                        == 1);
    }

    @Override
    public Optional<PeerRecord> find(String url) {
        Objects.requireNonNull(url, "url");
        return database.read(
                MeshTables.PROTOCOL,
                "findPeer",
                c -> queryOne(c, "SELECT " + COLUMNS + " FROM mesh_peers WHERE url = ?", JdbcMeshPeerStore::peer, url));
    }

    @Override
    public List<PeerRecord> all() {
        return database.read(
                MeshTables.PROTOCOL,
                "allPeers",
                c -> queryList(c, "SELECT " + COLUMNS + " FROM mesh_peers ORDER BY url", JdbcMeshPeerStore::peer));
    }

    @Override
    public boolean update(PeerRecord peer) {
        Objects.requireNonNull(peer, "peer");
        return database.write(
                MeshTables.PROTOCOL,
                "updatePeer",
                c -> Sql.update(
                                c,
                                "UPDATE mesh_peers SET entry_url = ?, entry_key = ?, entry_signed_at = ?,"
                                        + " entry_signature = ?, score = ?, status = ?, since = ?, last_sync = ?"
                                        + " WHERE url = ?",
                                peer.entry().map(ServerEntry::url).orElse(null),
                                peer.entry().map(ServerEntry::key).orElse(null),
                                peer.entry().map(ServerEntry::signedAt).orElse(null),
                                peer.entry().map(ServerEntry::signature).orElse(null),
                                peer.score(),
                                peer.status(),
                                peer.since(),
                                peer.lastSync().orElse(null),
                                peer.url())
                        == 1);
    }

    @Override
    public void addCheck(AvailabilityCheck check) {
        Objects.requireNonNull(check, "check");
        database.write(
                MeshTables.PROTOCOL,
                "addCheck",
                c -> Sql.update(
                        c,
                        "INSERT INTO mesh_peer_checks (peer_url, hash, accepted_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT (peer_url, hash) DO UPDATE SET accepted_at = excluded.accepted_at",
                        check.peerUrl(),
                        check.hash().hex(),
                        check.acceptedAt()));
    }

    @Override
    public List<AvailabilityCheck> checks(String peerUrl) {
        Objects.requireNonNull(peerUrl, "peerUrl");
        return database.read(
                MeshTables.PROTOCOL,
                "checks",
                c -> queryList(
                        c,
                        "SELECT peer_url, hash, accepted_at FROM mesh_peer_checks WHERE peer_url = ? ORDER BY hash",
                        r -> new AvailabilityCheck(r.string(1), new PacketHash(r.string(2)), r.instant(3)),
                        peerUrl));
    }

    @Override
    public boolean removeCheck(String peerUrl, PacketHash hash) {
        Objects.requireNonNull(peerUrl, "peerUrl");
        Objects.requireNonNull(hash, "hash");
        return database.write(
                MeshTables.PROTOCOL,
                "removeCheck",
                c -> Sql.update(c, "DELETE FROM mesh_peer_checks WHERE peer_url = ? AND hash = ?", peerUrl, hash.hex())
                        == 1);
    }

    private static PeerRecord peer(Sql.Row r) throws SQLException {
        String entryUrl = r.string(2);
        Optional<ServerEntry> entry = entryUrl == null
                ? Optional.empty()
                : Optional.of(new ServerEntry(entryUrl, r.string(3), r.instant(4), r.string(5)));
        return new PeerRecord(
                r.string(1),
                entry,
                r.intValue(6),
                PeerStatus.valueOf(r.string(7)),
                r.instant(8),
                r.bool(10) ? Optional.empty() : Optional.of(r.instant(9)));
    }
}
