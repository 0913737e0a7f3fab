package dev.missive.openmsg.memory;

import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.openmsg.spi.OpenmsgStoreContract;

class InMemoryOpenmsgStoreTest extends OpenmsgStoreContract {

    @Override
    protected OpenmsgStore newStore() {
        return new InMemoryOpenmsgStore();
    }
}
