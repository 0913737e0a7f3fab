package dev.missive.jdbc.emsg;

import dev.missive.emsg.spi.OutboxStore;
import dev.missive.emsg.spi.OutboxStoreContract;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.spi.ReplayGuardStore;

/** The {@link OutboxStoreContract} on SQLite and PostgreSQL, with the replay guard in the same database. */
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

    /** On the store's own database: {@code enqueueAll} records the mark in its own transaction. */
    @Override
    protected ReplayGuardStore newGuard() {
        ReplayGuardStore guard = new JdbcReplayGuardStore(backend.database());
        backend.clear("replay_guard");
        return guard;
    }
}
