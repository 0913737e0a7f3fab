package dev.missive.osms.memory;

import dev.missive.osms.spi.SessionStore;
import dev.missive.osms.spi.SessionStoreContract;

class InMemorySessionStoreTest extends SessionStoreContract {

    @Override
    protected SessionStore newStore() {
        return new InMemorySessionStore();
    }
}
