package dev.missive.jdbc.smp;

import dev.missive.jdbc.testing.SqliteBackend;
import dev.missive.smp.spi.QueueStore;
import dev.missive.smp.spi.QueueStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcQueueStoreSqliteTest extends QueueStoreContract {

    @RegisterExtension
    static final SqliteBackend BACKEND = new SqliteBackend();

    @Override
    protected QueueStore newStore() {
        QueueStore store = new JdbcQueueStore(BACKEND.database());
        BACKEND.clear("smp_messages", "smp_queues", "smp_queue_ids");
        return store;
    }
}
