package dev.missive.jdbc.osms;

import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.osms.spi.PinStore;
import dev.missive.osms.spi.PinStoreContract;

@OnEachDatabase
class JdbcPinStoreTest extends PinStoreContract {

    private final TestDatabase backend;

    JdbcPinStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected PinStore newStore() {
        PinStore store = new JdbcPinStore(backend.database());
        backend.clear("osms_pins");
        return store;
    }
}
