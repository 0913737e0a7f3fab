package dev.missive.jdbc.osms;

import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.osms.spi.UserStore;
import dev.missive.osms.spi.UserStoreContract;

@OnEachDatabase
class JdbcUserStoreTest extends UserStoreContract {

    private final TestDatabase backend;

    JdbcUserStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected UserStore newStore() {
        UserStore store = new JdbcUserStore(backend.database());
        backend.clear("osms_consents", "osms_users");
        return store;
    }
}
