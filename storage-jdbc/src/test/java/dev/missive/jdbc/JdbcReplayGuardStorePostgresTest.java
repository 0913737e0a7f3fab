package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.jdbc.testing.PostgresBackend;
import dev.missive.spi.ReplayGuardStore;
import dev.missive.spi.ReplayGuardStoreContract;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcReplayGuardStorePostgresTest extends ReplayGuardStoreContract {

    @RegisterExtension
    static final PostgresBackend BACKEND = new PostgresBackend();

    @Override
    protected ReplayGuardStore newStore() {
        ReplayGuardStore store = new JdbcReplayGuardStore(BACKEND.database());
        BACKEND.clear("replay_guard");
        return store;
    }

    @Test
    void twoNodeInstancesSharingTheDatabaseAgreeOnOneWinner() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        // A second pool on the same schema stands for a second node instance.
        try (Database other = Database.open(BACKEND.url())) {
            ReplayGuardStore first = newStore();
            ReplayGuardStore second = new JdbcReplayGuardStore(other);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<Boolean> onFirst = () -> {
                    start.await();
                    return first.recordIfAbsent("openmsg", "shared", now.plusSeconds(60), now);
                };
                Callable<Boolean> onSecond = () -> {
                    start.await();
                    return second.recordIfAbsent("openmsg", "shared", now.plusSeconds(60), now);
                };
                Future<Boolean> a = pool.submit(onFirst);
                Future<Boolean> b = pool.submit(onSecond);
                start.countDown();
                assertThat(a.get(30, TimeUnit.SECONDS) ^ b.get(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
