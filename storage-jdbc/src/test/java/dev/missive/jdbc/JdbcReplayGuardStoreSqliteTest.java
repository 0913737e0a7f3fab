package dev.missive.jdbc;

import dev.missive.jdbc.testing.SqliteBackend;
import dev.missive.spi.ReplayGuardStore;
import dev.missive.spi.ReplayGuardStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcReplayGuardStoreSqliteTest extends ReplayGuardStoreContract {

    @RegisterExtension
    static final SqliteBackend BACKEND = new SqliteBackend();

    @Override
    protected ReplayGuardStore newStore() {
        ReplayGuardStore store = new JdbcReplayGuardStore(BACKEND.database());
        BACKEND.clear("replay_guard");
        return store;
    }
}
