package dev.missive.emsg.memory;

import dev.missive.emsg.spi.ProfileStore;
import dev.missive.emsg.spi.ProfileStoreContract;

class InMemoryProfileStoreTest extends ProfileStoreContract {

    @Override
    protected ProfileStore newStore() {
        return new InMemoryProfileStore();
    }
}
