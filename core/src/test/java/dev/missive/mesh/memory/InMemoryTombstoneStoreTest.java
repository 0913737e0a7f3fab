package dev.missive.mesh.memory;

import dev.missive.mesh.spi.TombstoneStore;
import dev.missive.mesh.spi.TombstoneStoreContract;

class InMemoryTombstoneStoreTest extends TombstoneStoreContract {

    @Override
    protected TombstoneStore newStore() {
        return new InMemoryTombstoneStore();
    }
}
