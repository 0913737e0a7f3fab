package dev.missive.jdbc.smp;

import dev.missive.jdbc.testing.SqliteBackend;
import dev.missive.smp.spi.MessageStore;
import dev.missive.smp.spi.MessageStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcMessageStoreSqliteTest extends MessageStoreContract {

    @RegisterExtension
    static final SqliteBackend BACKEND = new SqliteBackend();

    @Override
    protected MessageStore newStore() {
        MessageStore store = new JdbcMessageStore(BACKEND.database());
        BACKEND.clear("smp_messages", "smp_queues", "smp_queue_ids");
        return store;
    }
}
