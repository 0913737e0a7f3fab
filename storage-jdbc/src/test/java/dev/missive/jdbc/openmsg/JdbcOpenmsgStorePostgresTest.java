package dev.missive.jdbc.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.testing.PostgresBackend;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.openmsg.spi.OpenmsgStoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcOpenmsgStorePostgresTest extends OpenmsgStoreContract {

    @RegisterExtension
    static final PostgresBackend BACKEND = new PostgresBackend();

    @Override
    protected OpenmsgStore newStore() {
        OpenmsgStore store = new JdbcOpenmsgStore(BACKEND.database());
        BACKEND.clear(JdbcOpenmsgStoreTables.ALL);
        return store;
    }

    @Test
    void twoNodeInstancesSharingTheDatabaseAcceptAMessageOnce() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        OpenmsgAddress bob = OpenmsgAddress.parse("2000000*b.example");
        InboxMessage message = new InboxMessage(bob, OpenmsgAddress.parse("1000000*a.example"), "Alice",
                "ab".repeat(32), "hi", now, now);
        OpenmsgStore first = newStore();
        // A second pool on the same schema stands for a second node instance.
        try (Database other = Database.open(BACKEND.url())) {
            OpenmsgStore second = new JdbcOpenmsgStore(other);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (OpenmsgStore store : List.of(first, second)) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.acceptInbound(message, now.plus(Duration.ofHours(1)));
                    }));
                }
                start.countDown();
                int accepted = 0;
                for (Future<Boolean> result : results) {
                    accepted += result.get() ? 1 : 0;
                }
                assertThat(accepted).isEqualTo(1);
                assertThat(second.inbox(bob)).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
