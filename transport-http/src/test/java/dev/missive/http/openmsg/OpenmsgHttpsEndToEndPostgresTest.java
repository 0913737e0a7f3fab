package dev.missive.http.openmsg;

import dev.missive.jdbc.testing.PostgresBackend;
import dev.missive.openmsg.spi.OpenmsgStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenmsgHttpsEndToEndPostgresTest extends OpenmsgHttpsEndToEndContract {

    @RegisterExtension
    static final PostgresBackend NODE_A = new PostgresBackend();

    @RegisterExtension
    static final PostgresBackend NODE_B = new PostgresBackend();

    @Override
    protected OpenmsgStore newStore(String name) {
        return OpenmsgHttpsEndToEndSqliteTest.JdbcStores.fresh(name.equals("a") ? NODE_A : NODE_B);
    }
}
