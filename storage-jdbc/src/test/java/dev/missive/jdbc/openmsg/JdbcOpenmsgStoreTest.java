package dev.missive.jdbc.openmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.jdbc.StoreException;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@OnEachDatabase
class JdbcOpenmsgStoreTest extends OpenmsgStoreContract {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final OpenmsgAddress BOB = OpenmsgAddress.parse("2000000*b.example");

    private final TestDatabase backend;

    JdbcOpenmsgStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected OpenmsgStore newStore() {
        OpenmsgStore store = new JdbcOpenmsgStore(backend.database());
        backend.clear(JdbcOpenmsgStoreTables.ALL);
        return store;
    }

    private static InboxMessage message(String hash) {
        return new InboxMessage(BOB, OpenmsgAddress.parse("1000000*a.example"), "Alice", hash, "hi", NOW, NOW);
    }

    @Test
    void theMessageHashIsRecordedInTheSharedReplayGuard() {
        OpenmsgStore store = newStore();
        JdbcReplayGuardStore guard = new JdbcReplayGuardStore(backend.database());
        assertThat(store.acceptInbound(message("ab".repeat(32)), NOW.plusSeconds(60)))
                .isTrue();

        assertThat(guard.isRecorded(JdbcOpenmsgStore.MESSAGE_HASH_SCOPE, "ab".repeat(32), NOW))
                .isTrue();
        // And a hash the guard already holds is a replay for the store.
        assertThat(guard.recordIfAbsent(JdbcOpenmsgStore.MESSAGE_HASH_SCOPE, "cd".repeat(32), NOW.plusSeconds(60), NOW))
                .isTrue();
        assertThat(store.isReplay("cd".repeat(32), NOW)).isTrue();
        assertThat(store.acceptInbound(message("cd".repeat(32)), NOW.plusSeconds(60)))
                .isFalse();
        assertThat(store.inbox(BOB)).hasSize(1);
    }

    @Test
    void aFailedInboxInsertLeavesNoGuardEntry() {
        OpenmsgStore store = newStore();
        // The inbox insert fails after the guard row is written while its table is renamed away.
        backend.database().inTransaction(c -> {
            try (var statement = c.createStatement()) {
                statement.execute("ALTER TABLE openmsg_inbox RENAME TO openmsg_inbox_away");
            }
            return null;
        });
        try {
            assertThatThrownBy(() -> store.acceptInbound(message("ab".repeat(32)), NOW.plusSeconds(60)))
                    .isInstanceOf(StoreException.class);
        } finally {
            backend.database().inTransaction(c -> {
                try (var statement = c.createStatement()) {
                    statement.execute("ALTER TABLE openmsg_inbox_away RENAME TO openmsg_inbox");
                }
                return null;
            });
        }
        assertThat(store.isReplay("ab".repeat(32), NOW))
                .as("the guard entry rolled back with the insert")
                .isFalse();
        assertThat(store.acceptInbound(message("ab".repeat(32)), NOW.plusSeconds(60)))
                .isTrue();
    }

    @Test
    void twoNodeInstancesSharingTheDatabaseAcceptAMessageOnce() throws Exception {
        InboxMessage message = message("ab".repeat(32));
        OpenmsgStore first = newStore();
        // A second pool on the same database stands for a second node instance.
        try (Database other = Database.open(backend.database().url())) {
            OpenmsgStore second = new JdbcOpenmsgStore(other);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (OpenmsgStore store : List.of(first, second)) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.acceptInbound(message, NOW.plus(Duration.ofHours(1)));
                    }));
                }
                start.countDown();
                int accepted = 0;
                for (Future<Boolean> result : results) {
                    accepted += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(accepted).isEqualTo(1);
                assertThat(second.inbox(BOB)).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
