package dev.missive.jdbc.mesh;

import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.mesh.spi.PeerStore;
import dev.missive.mesh.spi.PeerStoreContract;

/** The PeerStore contract on SQLite and PostgreSQL. */
@OnEachDatabase
class JdbcMeshPeerStoreTest extends PeerStoreContract {

    private final TestDatabase backend;

    JdbcMeshPeerStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected PeerStore newStore() {
        PeerStore store = new JdbcMeshPeerStore(backend.database());
        backend.clear("mesh_peer_checks", "mesh_peers");
        return store;
    }
}
