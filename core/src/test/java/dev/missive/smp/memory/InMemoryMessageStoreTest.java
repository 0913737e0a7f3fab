package dev.missive.smp.memory;

import dev.missive.smp.spi.MessageStore;
import dev.missive.smp.spi.MessageStoreContract;

class InMemoryMessageStoreTest extends MessageStoreContract {

    @Override
    protected MessageStore newStore() {
        return new InMemoryMessageStore();
    }
}
