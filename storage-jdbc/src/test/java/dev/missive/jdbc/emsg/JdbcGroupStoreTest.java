package dev.missive.jdbc.emsg;

import dev.missive.emsg.spi.GroupStore;
import dev.missive.emsg.spi.GroupStoreContract;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;

/** The {@link GroupStoreContract} on SQLite and PostgreSQL. */
@OnEachDatabase
class JdbcGroupStoreTest extends GroupStoreContract {

    private final TestDatabase backend;

    JdbcGroupStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected GroupStore newStore() {
        GroupStore store = new JdbcGroupStore(backend.database());
        backend.clear("emsg_group_members", "emsg_groups");
        return store;
    }
}
