package dev.missive.http.openmsg;

import dev.missive.jdbc.openmsg.JdbcOpenmsgStore;
import dev.missive.jdbc.testing.SqliteBackend;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.openmsg.spi.OpenmsgStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenmsgHttpsEndToEndSqliteTest extends OpenmsgHttpsEndToEndContract {

    @RegisterExtension
    static final SqliteBackend NODE_A = new SqliteBackend();

    @RegisterExtension
    static final SqliteBackend NODE_B = new SqliteBackend();

    @Override
    protected OpenmsgStore newStore(String name) {
        return JdbcStores.fresh(name.equals("a") ? NODE_A : NODE_B);
    }

    /** A JDBC Openmsg store on an emptied test database. */
    static final class JdbcStores {

        private static final String[] TABLES = {
            "openmsg_users",
            "openmsg_pass_codes",
            "openmsg_pending_handshakes",
            "openmsg_connections",
            "openmsg_outbound",
            "openmsg_inbox",
            "replay_guard"
        };

        private JdbcStores() {}

        static OpenmsgStore fresh(TestDatabase database) {
            JdbcOpenmsgStore store = new JdbcOpenmsgStore(database.database());
            database.clear(TABLES);
            return store;
        }
    }
}
