package dev.missive.jdbc.smp;

import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.smp.spi.QueueStore;
import dev.missive.smp.spi.QueueStoreContract;

@OnEachDatabase
class JdbcQueueStoreTest extends QueueStoreContract {

    private final TestDatabase backend;

    JdbcQueueStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected QueueStore newStore() {
        QueueStore store = new JdbcQueueStore(backend.database());
        backend.clear("smp_messages", "smp_queues", "smp_queue_ids");
        return store;
    }
}
