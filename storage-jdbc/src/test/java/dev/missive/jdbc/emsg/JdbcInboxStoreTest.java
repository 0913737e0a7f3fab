package dev.missive.jdbc.emsg;

import dev.missive.emsg.spi.InboxStore;
import dev.missive.emsg.spi.InboxStoreContract;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;

/** The {@link InboxStoreContract} on SQLite and PostgreSQL. */
@OnEachDatabase
class JdbcInboxStoreTest extends InboxStoreContract {

    private final TestDatabase backend;

    JdbcInboxStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected InboxStore newStore() {
        InboxStore store = new JdbcInboxStore(backend.database());
        backend.clear("emsg_inbox");
        return store;
    }
}
