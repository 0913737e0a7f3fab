package dev.missive.osms.memory;

import dev.missive.osms.spi.PinStore;
import dev.missive.osms.spi.PinStoreContract;

class InMemoryPinStoreTest extends PinStoreContract {

    @Override
    protected PinStore newStore() {
        return new InMemoryPinStore();
    }
}
