package dev.missive.jdbc.smp;

import dev.missive.jdbc.testing.PostgresBackend;
import dev.missive.smp.spi.MessageStore;
import dev.missive.smp.spi.MessageStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcMessageStorePostgresTest extends MessageStoreContract {

    @RegisterExtension
    static final PostgresBackend BACKEND = new PostgresBackend();

    @Override
    protected MessageStore newStore() {
        MessageStore store = new JdbcMessageStore(BACKEND.database());
        BACKEND.clear("smp_messages", "smp_queues", "smp_queue_ids");
        return store;
    }
}
