package dev.missive.smp.memory;

import dev.missive.smp.spi.QueueStore;
import dev.missive.smp.spi.QueueStoreContract;

class InMemoryQueueStoreTest extends QueueStoreContract {

    @Override
    protected QueueStore newStore() {
        return new InMemoryQueueStore();
    }
}
