package dev.missive.jdbc.smp;

import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.smp.spi.MessageStore;
import dev.missive.smp.spi.MessageStoreContract;

@OnEachDatabase
class JdbcMessageStoreTest extends MessageStoreContract {

    private final TestDatabase backend;

    JdbcMessageStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected MessageStore newStore() {
        MessageStore store = new JdbcMessageStore(backend.database());
        backend.clear("smp_messages", "smp_queues", "smp_queue_ids");
        return store;
    }
}
