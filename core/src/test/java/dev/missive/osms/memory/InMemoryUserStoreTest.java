package dev.missive.osms.memory;

import dev.missive.osms.spi.UserStore;
import dev.missive.osms.spi.UserStoreContract;

class InMemoryUserStoreTest extends UserStoreContract {

    @Override
    protected UserStore newStore() {
        return new InMemoryUserStore();
    }
}
