package dev.missive.osms.memory;

import dev.missive.osms.spi.QueueStore;
import dev.missive.osms.spi.QueueStoreContract;

class InMemoryQueueStoreTest extends QueueStoreContract {

    @Override
    protected QueueStore newStore() {
        return new InMemoryQueueStore();
    }
}
