package dev.missive.emsg.memory;

import dev.missive.emsg.spi.InboxStore;
import dev.missive.emsg.spi.InboxStoreContract;

class InMemoryInboxStoreTest extends InboxStoreContract {

    @Override
    protected InboxStore newStore() {
        return new InMemoryInboxStore();
    }
}
