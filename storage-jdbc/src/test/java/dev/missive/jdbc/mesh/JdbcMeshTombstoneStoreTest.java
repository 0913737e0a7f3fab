package dev.missive.jdbc.mesh;

import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.mesh.spi.TombstoneStore;
import dev.missive.mesh.spi.TombstoneStoreContract;

/** The TombstoneStore contract on SQLite and PostgreSQL. */
@OnEachDatabase
class JdbcMeshTombstoneStoreTest extends TombstoneStoreContract {

    private final TestDatabase backend;

    JdbcMeshTombstoneStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected TombstoneStore newStore() {
        TombstoneStore store = new JdbcMeshTombstoneStore(backend.database());
        backend.clear("mesh_tombstones");
        return store;
    }
}
