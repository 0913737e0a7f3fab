package dev.missive.jdbc.osms;

import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.osms.spi.ServerKeyStore;
import dev.missive.osms.spi.ServerKeyStoreContract;

@OnEachDatabase
class JdbcServerKeyStoreTest extends ServerKeyStoreContract {

    private final TestDatabase backend;

    JdbcServerKeyStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected ServerKeyStore newStore() {
        ServerKeyStore store = new JdbcServerKeyStore(backend.database());
        backend.clear("osms_server_key");
        return store;
    }
}
