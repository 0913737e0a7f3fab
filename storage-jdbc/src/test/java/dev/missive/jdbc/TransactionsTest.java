package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.jdbc.testing.SqliteBackend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class TransactionsTest {

    @RegisterExtension
    static final SqliteBackend BACKEND = new SqliteBackend();

    private DataSource dataSource;

    @BeforeAll
    static void createTable() {
        BACKEND.database().inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE item (name TEXT PRIMARY KEY)");
            }
            return null;
        });
    }

    @BeforeEach
    void emptyTable() {
        BACKEND.clear("item");
        dataSource = BACKEND.database().dataSource();
    }

    @Test
    void commitsWhatTheWorkWrote() {
        String result = Transactions.inTransaction(dataSource, connection -> {
            insert(connection, "a");
            insert(connection, "b");
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void rollsBackAndRethrowsAnUncheckedException() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Transactions.inTransaction(dataSource, connection -> {
                    insert(connection, "a");
                    throw boom;
                }))
                .isSameAs(boom);
        assertThat(count()).isZero();
    }

    @Test
    void rollsBackAndWrapsASqlFailureWithoutRetrying() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> Transactions.inTransaction(dataSource, connection -> {
                    attempts.incrementAndGet();
                    insert(connection, "a");
                    insert(connection, "a"); // primary key violation
                    return null;
                }))
                .isInstanceOf(StoreException.class)
                .hasCauseInstanceOf(SQLException.class);
        assertThat(attempts).hasValue(1);
        assertThat(count()).isZero();
    }

    @Test
    void retriesSqliteBusyAndKeepsOnlyTheSuccessfulAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        int result = Transactions.inTransaction(dataSource, connection -> {
            insert(connection, "attempt-" + attempts.incrementAndGet());
            if (attempts.get() < 3) {
                throw new SQLiteException("busy", SQLiteErrorCode.SQLITE_BUSY);
            }
            return attempts.get();
        });
        assertThat(result).isEqualTo(3);
        assertThat(count()).isEqualTo(1);
        assertThat(exists("attempt-3")).isTrue();
    }

    @Test
    void retriesExtendedBusyCodesAndLocked() {
        assertThat(Transactions.isTransientConflict(
                        new SQLiteException("snapshot", SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT)))
                .isTrue();
        assertThat(Transactions.isTransientConflict(new SQLiteException("locked", SQLiteErrorCode.SQLITE_LOCKED)))
                .isTrue();
        assertThat(Transactions.isTransientConflict(new SQLiteException("full", SQLiteErrorCode.SQLITE_FULL)))
                .isFalse();
        assertThat(Transactions.isTransientConflict(new SQLException("constraint", "23505")))
                .isFalse();
    }

    @Test
    void retriesPostgresSerializationFailuresAndDeadlocks() {
        for (String state : new String[] {"40001", "40P01"}) {
            AtomicInteger attempts = new AtomicInteger();
            String result = Transactions.inTransaction(dataSource, connection -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new SQLException("conflict", state);
                }
                return "ok";
            });
            assertThat(result).as(state).isEqualTo("ok");
            assertThat(attempts).as(state).hasValue(2);
        }
    }

    @Test
    void recognisesAConflictChainedBehindAnotherException() {
        SQLException outer = new SQLException("batch failed", "XX000");
        outer.setNextException(new SQLException("could not serialize", "40001"));
        assertThat(Transactions.isTransientConflict(outer)).isTrue();
        assertThat(Transactions.isTransientConflict(new SQLException("wrapped", new SQLException("x", "40P01"))))
                .isTrue();
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> Transactions.inTransaction(dataSource, connection -> {
                    insert(connection, "attempt-" + attempts.incrementAndGet());
                    throw new SQLException("deadlock", "40P01");
                }))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(Transactions.MAX_ATTEMPTS + " attempts");
        assertThat(attempts).hasValue(Transactions.MAX_ATTEMPTS);
        assertThat(count()).isZero();
    }

    private static void insert(Connection connection, String name) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item (name) VALUES (?)")) {
            insert.setString(1, name);
            insert.executeUpdate();
        }
    }

    private int count() {
        return BACKEND.database().inTransaction(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM item")) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    private boolean exists(String name) {
        return BACKEND.database().inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM item WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }
}
