package dev.missive.osms.memory;

import dev.missive.osms.spi.ServerKeyStore;
import dev.missive.osms.spi.ServerKeyStoreContract;

class InMemoryServerKeyStoreTest extends ServerKeyStoreContract {

    @Override
    protected ServerKeyStore newStore() {
        return new InMemoryServerKeyStore();
    }
}
