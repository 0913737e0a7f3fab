package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.spi.ReplayGuardStore;
import dev.missive.spi.ReplayGuardStoreContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replay-guard contract on each database, plus joining a caller's transaction. */
@OnEachDatabase
class JdbcReplayGuardStoreTest extends ReplayGuardStoreContract {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);

    private final TestDatabase backend;

    JdbcReplayGuardStoreTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Override
    protected ReplayGuardStore newStore() {
        ReplayGuardStore store = new JdbcReplayGuardStore(backend.database());
        backend.clear("replay_guard");
        return store;
    }

    /** A table of the caller's own, written in the same transaction as the guard entry. */
    @BeforeEach
    void createCallersTable() {
        backend.database()
                .inTransaction(c -> Sql.update(c, "CREATE TABLE IF NOT EXISTS guarded_item (name TEXT PRIMARY KEY)"));
        backend.clear("guarded_item");
    }

    @Test
    void anEntryRecordedInTheCallersTransactionCommitsWithIt() {
        JdbcReplayGuardStore guard = new JdbcReplayGuardStore(backend.database());
        boolean recorded = backend.database().inTransaction(c -> {
            boolean won = guard.recordIfAbsent(c, "test", "key", LATER, NOW);
            Sql.update(c, "INSERT INTO guarded_item (name) VALUES (?)", "key");
            return won;
        });
        assertThat(recorded).isTrue();
        assertThat(guard.isRecorded("test", "key", NOW)).isTrue();
        boolean inserted = backend.database()
                .inTransaction(c -> Sql.exists(c, "SELECT 1 FROM guarded_item WHERE name = ?", "key"));
        assertThat(inserted).isTrue();
    }

    @Test
    void rollingBackTheCallersTransactionRemovesTheEntry() {
        JdbcReplayGuardStore guard = new JdbcReplayGuardStore(backend.database());
        backend.database().inTransaction(c -> Sql.update(c, "INSERT INTO guarded_item (name) VALUES (?)", "taken"));

        assertThatThrownBy(() -> backend.database().inTransaction(c -> {
                    assertThat(guard.recordIfAbsent(c, "test", "key", LATER, NOW))
                            .isTrue();
                    // The caller's own insert fails (primary key), so the whole transaction rolls back.
                    return Sql.update(c, "INSERT INTO guarded_item (name) VALUES (?)", "taken");
                }))
                .isInstanceOf(StoreException.class);

        assertThat(guard.isRecorded("test", "key", NOW)).isFalse();
        assertThat(guard.recordIfAbsent("test", "key", LATER, NOW)).isTrue();
    }

    @Test
    void theConnectionVariantsCheckTheirArgumentsLikeTheOthers() {
        JdbcReplayGuardStore guard = new JdbcReplayGuardStore(backend.database());
        assertThatThrownBy(() -> backend.database().inTransaction(c -> guard.recordIfAbsent(c, "test", "", LATER, NOW)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> backend.database().inTransaction(c -> guard.recordIfAbsent(c, "test", "key", NOW, NOW)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(guard.isRecorded("test", "key", NOW)).isFalse();
    }

    @Test
    void purgeInTheCallersTransactionRemovesOnlyExpiredEntries() {
        JdbcReplayGuardStore guard = new JdbcReplayGuardStore(backend.database());
        guard.recordIfAbsent("test", "short", NOW.plusSeconds(1), NOW);
        guard.recordIfAbsent("other", "long", LATER, NOW);
        int purged = backend.database().inTransaction(c -> guard.purgeExpired(c, NOW.plusSeconds(1)));
        assertThat(purged).isEqualTo(1);
        assertThat(guard.isRecorded("other", "long", NOW.plusSeconds(1))).isTrue();
    }

    @Test
    void twoInstancesRecordingTheSameKeyInTheirOwnTransactionsAgreeOnOneWinner() throws Exception {
        newStore();
        // A second pool on the same database stands for a second node instance.
        try (Database other = Database.open(backend.database().url())) {
            List<Database> databases = List.of(backend.database(), other);
            List<JdbcReplayGuardStore> guards =
                    List.of(new JdbcReplayGuardStore(databases.get(0)), new JdbcReplayGuardStore(databases.get(1)));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(RACERS);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    Database database = databases.get(i % 2);
                    JdbcReplayGuardStore guard = guards.get(i % 2);
                    results.add(pool.submit(() -> {
                        start.await();
                        return database.inTransaction(c -> guard.recordIfAbsent(c, "test", "contested", LATER, NOW));
                    }));
                }
                start.countDown();
                int wins = 0;
                for (Future<Boolean> result : results) {
                    wins += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(wins).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
