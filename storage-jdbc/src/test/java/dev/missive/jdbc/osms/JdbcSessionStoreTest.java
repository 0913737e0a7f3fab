package dev.missive.jdbc.osms;

import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.osms.spi.SessionStore;
import dev.missive.osms.spi.SessionStoreContract;

@OnEachDatabase
class JdbcSessionStoreTest extends SessionStoreContract {

    private final TestDatabase backend;

    JdbcSessionStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected SessionStore newStore() {
        SessionStore store = new JdbcSessionStore(backend.database());
        backend.clear("osms_sessions");
        return store;
    }
}
