package dev.missive.cli.mesh;

import dev.missive.cli.StoreOption;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.jdbc.StoreUrl;
import dev.missive.jdbc.mesh.JdbcMeshPacketStore;
import dev.missive.jdbc.mesh.JdbcMeshPeerStore;
import dev.missive.jdbc.mesh.JdbcMeshTombstoneStore;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.MeshServer;
import dev.missive.mesh.memory.InMemoryPacketStore;
import dev.missive.mesh.memory.InMemoryPeerStore;
import dev.missive.mesh.memory.InMemoryTombstoneStore;

/**
 * The mesh server's stores behind a {@code --store} URL, and the database it holds open:
 * {@code memory:} (nothing kept), {@code sqlite:PATH} or {@code jdbc:postgresql://...}.
 */
final class MeshStores implements AutoCloseable {

    private final Database database;

    private MeshStores(Database database) {
        this.database = database;
    }

    /**
     * Opens (and migrates) the stores at {@code url}.
     *
     * @throws dev.missive.cli.CommandFailure if its database cannot be opened
     */
    static MeshStores open(StoreUrl url) {
        return new MeshStores(url instanceof StoreUrl.Memory ? null : StoreOption.open(url));
    }

    /** Gives the server builder its four stores. */
    MeshServer.Builder install(MeshServer.Builder server) {
        if (database == null) {
            return server.packetStore(new InMemoryPacketStore())
                    .tombstoneStore(new InMemoryTombstoneStore())
                    .peerStore(new InMemoryPeerStore())
                    .replayGuard(new InMemoryReplayGuardStore());
        }
        return server.packetStore(new JdbcMeshPacketStore(database))
                .tombstoneStore(new JdbcMeshTombstoneStore(database))
                .peerStore(new JdbcMeshPeerStore(database))
                .replayGuard(new JdbcReplayGuardStore(database));
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}
