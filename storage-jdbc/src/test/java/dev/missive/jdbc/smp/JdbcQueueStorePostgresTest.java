package dev.missive.jdbc.smp;

import dev.missive.jdbc.testing.PostgresBackend;
import dev.missive.smp.spi.QueueStore;
import dev.missive.smp.spi.QueueStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcQueueStorePostgresTest extends QueueStoreContract {

    @RegisterExtension
    static final PostgresBackend BACKEND = new PostgresBackend();

    @Override
    protected QueueStore newStore() {
        QueueStore store = new JdbcQueueStore(BACKEND.database());
        BACKEND.clear("smp_messages", "smp_queues", "smp_queue_ids");
        return store;
    }
}
