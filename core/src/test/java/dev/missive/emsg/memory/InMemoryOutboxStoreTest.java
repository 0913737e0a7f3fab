package dev.missive.emsg.memory;

import dev.missive.emsg.spi.OutboxStore;
import dev.missive.emsg.spi.OutboxStoreContract;

class InMemoryOutboxStoreTest extends OutboxStoreContract {

    @Override
    protected OutboxStore newStore() {
        return new InMemoryOutboxStore();
    }
}
