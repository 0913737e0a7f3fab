package dev.missive.jdbc.emsg;

import dev.missive.emsg.spi.InboxStore;
import dev.missive.emsg.spi.InboxStoreContract;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.spi.ReplayGuardStore;

/** The {@link InboxStoreContract} on SQLite and PostgreSQL, with the replay guard in the same database. */
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

    /** On the store's own database: {@code appendAll} records the mark in its own transaction. */
    @Override
    protected ReplayGuardStore newGuard() {
        ReplayGuardStore guard = new JdbcReplayGuardStore(backend.database());
        backend.clear("replay_guard");
        return guard;
    }
}
