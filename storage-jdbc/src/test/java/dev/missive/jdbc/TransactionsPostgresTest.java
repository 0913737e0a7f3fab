package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.jdbc.testing.PostgresBackend;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The retry path against a real serialization failure, not a simulated one. */
class TransactionsPostgresTest {

    @RegisterExtension
    static final PostgresBackend BACKEND = new PostgresBackend();

    @Test
    void retriesARealSerializationFailureUntilBothWritersSucceed() throws Exception {
        Database database = BACKEND.database();
        database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE ledger (writer TEXT NOT NULL, seen BIGINT NOT NULL)");
            }
            return null;
        });
        // Write skew: both transactions read the table, then both insert what they read. Under
        // SERIALIZABLE, PostgreSQL must abort one of them with 40001; Transactions retries it.
        CyclicBarrier bothHaveRead = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> writeWhatWasSeen(database, "a", bothHaveRead, attempts));
            Future<?> b = pool.submit(() -> writeWhatWasSeen(database, "b", bothHaveRead, attempts));
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(attempts.get()).as("attempts in all").isGreaterThanOrEqualTo(3);
        // Serializable outcome: the retried writer saw the other's row.
        long maxSeen = database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*), max(seen) FROM ledger")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(2);
                return rows.getLong(2);
            }
        });
        assertThat(maxSeen).isEqualTo(1);
    }

    private static void writeWhatWasSeen(
            Database database, String writer, CyclicBarrier bothHaveRead, AtomicInteger attempts) {
        AtomicInteger mine = new AtomicInteger();
        database.inTransaction(connection -> {
            attempts.incrementAndGet();
            long seen;
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM ledger")) {
                    rows.next();
                    seen = rows.getLong(1);
                }
                if (mine.incrementAndGet() == 1) {
                    await(bothHaveRead);
                }
            }
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO ledger (writer, seen) VALUES (?, ?)")) {
                insert.setString(1, writer);
                insert.setLong(2, seen);
                insert.executeUpdate();
            }
            return null;
        });
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other writer did not arrive", e);
        }
    }
}
