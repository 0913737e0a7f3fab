package dev.missive.jdbc.emsg;

import dev.missive.emsg.spi.OutboxStore;
import dev.missive.emsg.spi.OutboxStoreContract;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;

/** The {@link OutboxStoreContract} on SQLite and PostgreSQL. */
@OnEachDatabase
class JdbcOutboxStoreTest extends OutboxStoreContract {

    private final TestDatabase backend;

    JdbcOutboxStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected OutboxStore newStore() {
        OutboxStore store = new JdbcOutboxStore(backend.database());
        backend.clear("emsg_outbox");
        return store;
    }
}
