package dev.missive.emsg.memory;

import dev.missive.emsg.spi.GroupStore;
import dev.missive.emsg.spi.GroupStoreContract;

class InMemoryGroupStoreTest extends GroupStoreContract {

    @Override
    protected GroupStore newStore() {
        return new InMemoryGroupStore();
    }
}
