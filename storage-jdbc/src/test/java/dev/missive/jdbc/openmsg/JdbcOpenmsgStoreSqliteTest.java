package dev.missive.jdbc.openmsg;

import dev.missive.jdbc.testing.SqliteBackend;
import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.openmsg.spi.OpenmsgStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcOpenmsgStoreSqliteTest extends OpenmsgStoreContract {

    @RegisterExtension
    static final SqliteBackend BACKEND = new SqliteBackend();

    @Override
    protected OpenmsgStore newStore() {
        OpenmsgStore store = new JdbcOpenmsgStore(BACKEND.database());
        BACKEND.clear(JdbcOpenmsgStoreTables.ALL);
        return store;
    }
}
