package dev.missive.memory;

import dev.missive.spi.ReplayGuardStore;
import dev.missive.spi.ReplayGuardStoreContract;

class InMemoryReplayGuardStoreTest extends ReplayGuardStoreContract {

    @Override
    protected ReplayGuardStore newStore() {
        return new InMemoryReplayGuardStore();
    }
}
