package dev.missive.jdbc.mesh;

import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.mesh.spi.PacketStore;
import dev.missive.mesh.spi.PacketStoreContract;
import dev.missive.mesh.spi.TombstoneStore;

/** The PacketStore contract on SQLite and PostgreSQL. */
@OnEachDatabase
class JdbcMeshPacketStoreTest extends PacketStoreContract {

    private final TestDatabase backend;

    JdbcMeshPacketStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected PacketStore newStore() {
        PacketStore store = new JdbcMeshPacketStore(backend.database());
        backend.clear("mesh_packets");
        return store;
    }

    @Override
    protected TombstoneStore newTombstoneStore() {
        TombstoneStore tombstones = new JdbcMeshTombstoneStore(backend.database());
        backend.clear("mesh_tombstones");
        return tombstones;
    }
}
