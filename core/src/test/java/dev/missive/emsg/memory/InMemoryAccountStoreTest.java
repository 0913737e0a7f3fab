package dev.missive.emsg.memory;

import dev.missive.emsg.spi.AccountStore;
import dev.missive.emsg.spi.AccountStoreContract;

class InMemoryAccountStoreTest extends AccountStoreContract {

    @Override
    protected AccountStore newStore() {
        return new InMemoryAccountStore();
    }
}
