package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.event.EventListener;
import dev.missive.event.StoreEvent;
import dev.missive.jdbc.testing.SqliteBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Transactions report conflicts they retry and failures as store events, named, without values. */
class StoreEventsTest {

    @RegisterExtension
    static final SqliteBackend BACKEND = new SqliteBackend();

    private final List<StoreEvent> events = new CopyOnWriteArrayList<>();
    private final EventListener listener = new EventListener() {
        @Override
        public void onStoreEvent(StoreEvent event) {
            events.add(event);
        }
    };

    @BeforeAll
    static void createTable() {
        BACKEND.database().inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE evented (name TEXT PRIMARY KEY)");
            }
            return null;
        });
    }

    @BeforeEach
    void emptyTable() {
        BACKEND.clear("evented");
    }

    /** A second connection path to the same file that reports BUSY at once instead of waiting. */
    private static DataSource impatient() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(0);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + BACKEND.file().toAbsolutePath());
        return source;
    }

    /** Takes the write lock on a connection of the test's database and keeps it until commit. */
    private static Connection holdWriteLock() throws SQLException {
        Connection holder = BACKEND.database().dataSource().getConnection();
        holder.setAutoCommit(false);
        Sql.update(holder, "INSERT INTO evented (name) VALUES (?)", "holder");
        return holder;
    }

    @Test
    void aConflictIsRetriedAndReported() throws SQLException {
        try (Connection holder = holdWriteLock()) {
            EventListener releaseOnRetry = EventListener.all(listener, new EventListener() {
                @Override
                public void onStoreEvent(StoreEvent event) {
                    try {
                        // Back to auto-commit: commits and releases the lock (the driver would
                        // begin the next IMMEDIATE transaction right after a plain commit).
                        holder.setAutoCommit(true);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            String result = Transactions.inTransaction(impatient(), releaseOnRetry, "test", "insertContested", c -> {
                Sql.update(c, "INSERT INTO evented (name) VALUES (?)", "contested");
                return "done";
            });
            assertThat(result).isEqualTo("done");
        }
        assertThat(events).singleElement().isInstanceOfSatisfying(StoreEvent.Retried.class, retried -> {
            assertThat(retried.protocol()).isEqualTo("test");
            assertThat(retried.operation()).isEqualTo("insertContested");
            assertThat(retried.attempt()).isEqualTo(1);
        });
    }

    @Test
    void aConflictThatOutlastsTheRetriesIsReportedAsFailed() throws SQLException {
        try (Connection holder = holdWriteLock()) {
            assertThatThrownBy(() -> Transactions.inTransaction(
                            impatient(),
                            listener,
                            "test",
                            "insertBlocked",
                            c -> Sql.update(c, "INSERT INTO evented (name) VALUES (?)", "secret-value")))
                    .isInstanceOf(StoreException.class);
            holder.rollback();
        }
        assertThat(events).hasSize(Transactions.MAX_ATTEMPTS);
        assertThat(events.subList(0, Transactions.MAX_ATTEMPTS - 1))
                .allSatisfy(event -> assertThat(event).isInstanceOf(StoreEvent.Retried.class));
        assertThat(events.getLast()).isInstanceOfSatisfying(StoreEvent.Failed.class, failed -> {
            assertThat(failed.operation()).isEqualTo("insertBlocked");
            assertThat(failed.detail())
                    .contains("SQLiteException")
                    .contains("SQLITE_BUSY")
                    .doesNotContain("secret-value");
        });
    }

    @Test
    void aDatabaseFailureOfAStoreWriteIsReportedWithItsSqlStateAndNoValues() {
        try (Database database = Database.open(BACKEND.database().url(), listener)) {
            assertThatThrownBy(() -> database.write("test", "insertDuplicate", c -> {
                        Sql.update(c, "INSERT INTO evented (name) VALUES (?)", "secret-value");
                        return Sql.update(c, "INSERT INTO evented (name) VALUES (?)", "secret-value");
                    }))
                    .isInstanceOf(StoreException.class);
        }
        assertThat(events).singleElement().isInstanceOfSatisfying(StoreEvent.Failed.class, failed -> {
            assertThat(failed.protocol()).isEqualTo("test");
            assertThat(failed.operation()).isEqualTo("insertDuplicate");
            assertThat(failed.detail()).contains("SQLITE_CONSTRAINT").doesNotContain("secret-value");
        });
    }

    @Test
    void aThrowingListenerDoesNotDisturbTheStore() {
        EventListener throwing = new EventListener() {
            @Override
            public void onStoreEvent(StoreEvent event) {
                throw new IllegalStateException("listener failure");
            }
        };
        try (Database database = Database.open(BACKEND.database().url(), throwing)) {
            assertThatThrownBy(() -> database.read("test", "badQuery", c -> Sql.exists(c, "SELECT * FROM missing")))
                    .isInstanceOf(StoreException.class);
        }
    }
}
