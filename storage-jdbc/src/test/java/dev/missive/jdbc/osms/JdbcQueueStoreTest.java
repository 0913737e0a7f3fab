package dev.missive.jdbc.osms;

import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.osms.spi.QueueStore;
import dev.missive.osms.spi.QueueStoreContract;

@OnEachDatabase
class JdbcQueueStoreTest extends QueueStoreContract {

    private final TestDatabase backend;

    JdbcQueueStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected QueueStore newStore() {
        QueueStore store = new JdbcQueueStore(backend.database());
        backend.clear("osms_queue");
        return store;
    }
}
