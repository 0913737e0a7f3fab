package dev.missive.jdbc;

import dev.missive.event.EventListener;
import dev.missive.event.StoreEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Runs work in one database transaction: commit when it returns, roll back when it throws. A
 * transient conflict (SQLite {@code BUSY}/{@code LOCKED}, PostgreSQL serialization failure
 * {@code 40001} or deadlock {@code 40P01}) rolls back and runs the whole work again, at most
 * {@link #MAX_ATTEMPTS} times in all, with a short randomized back-off between attempts.
 *
 * <p>With an {@link EventListener}, each retry is reported as {@link StoreEvent.Retried} and each
 * database failure as {@link StoreEvent.Failed}, named by protocol and operation; the detail holds
 * the exception type and SQL state, never statement values.
 */
public final class Transactions {

    /** How many times a transaction is tried before a conflict is reported as a failure. */
    public static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    private static final String PG_SERIALIZATION_FAILURE = "40001";
    private static final String PG_DEADLOCK_DETECTED = "40P01";
    private static final long BASE_BACKOFF_MILLIS = 5;

    private Transactions() {}

    /**
     * Runs {@code work} in one transaction on a connection from {@code dataSource}, reporting no
     * events.
     *
     * @param <T> what {@code work} returns
     * @param dataSource where the connection comes from
     * @param work the statements to run; may run more than once
     * @return what {@code work} returned, after the commit succeeded
     * @throws StoreException if the database fails, or still conflicts after {@link #MAX_ATTEMPTS}
     * @throws RuntimeException whatever unchecked exception {@code work} threw, after rollback
     */
    public static <T> T inTransaction(DataSource dataSource, SqlWork<T> work) {
        return inTransaction(dataSource, EventListener.NONE, "jdbc", "transaction", work);
    }

    /**
     * Runs {@code work} in one transaction on a connection from {@code dataSource}, reporting
     * retries and failures of {@code protocol}'s {@code operation} to {@code listener}.
     *
     * @param <T> what {@code work} returns
     * @param dataSource where the connection comes from
     * @param listener receives the retries and failures
     * @param protocol the short name of the protocol, for events
     * @param operation the store operation, for events
     * @param work the statements to run; may run more than once
     * @return what {@code work} returned, after the commit succeeded
     * @throws StoreException if the database fails, or still conflicts after {@link #MAX_ATTEMPTS}
     * @throws RuntimeException whatever unchecked exception {@code work} threw, after rollback
     */
    public static <T> T inTransaction(
            DataSource dataSource, EventListener listener, String protocol, String operation, SqlWork<T> work) {
        return run(dataSource, true, listener, protocol, operation, work);
    }

    /**
     * Runs read-only {@code work} on a connection from {@code dataSource} in auto-commit mode: each
     * statement sees a consistent snapshot, nothing takes a write lock (SQLite) and nothing commits.
     * Retries and failures are reported like {@link #inTransaction(DataSource, EventListener, String,
     * String, SqlWork)}.
     *
     * @param <T> what {@code work} returns
     * @param dataSource where the connection comes from
     * @param listener receives the retries and failures
     * @param protocol the short name of the protocol, for events
     * @param operation the store operation, for events
     * @param work the queries to run; may run more than once
     * @return what {@code work} returned
     */
    public static <T> T read(
            DataSource dataSource, EventListener listener, String protocol, String operation, SqlWork<T> work) {
        return run(dataSource, false, listener, protocol, operation, work);
    }

    private static <T> T run(
            DataSource dataSource,
            boolean transaction,
            EventListener listener,
            String protocol,
            String operation,
            SqlWork<T> work) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(work, "work");
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction ? runOnce(dataSource, work) : readOnce(dataSource, work);
            } catch (SQLException e) {
                if (!isTransientConflict(e)) {
                    throw failed(listener, protocol, operation, "database operation failed", e);
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw failed(
                            listener,
                            protocol,
                            operation,
                            "transaction still conflicting after " + MAX_ATTEMPTS + " attempts",
                            e);
                }
                LOG.debug("transient conflict on attempt {} of {}.{}, retrying", attempt, protocol, operation, e);
                listener.onStoreEvent(new StoreEvent.Retried(protocol, Instant.now(), operation, attempt));
                backOff(attempt, e);
            }
        }
    }

    /** Reports {@code e} as {@link StoreEvent.Failed} and returns the exception to throw. */
    static StoreException failed(
            EventListener listener, String protocol, String operation, String message, SQLException e) {
        listener.onStoreEvent(new StoreEvent.Failed(protocol, Instant.now(), operation, detail(e)));
        return new StoreException(message, e);
    }

    /** The exception's type and SQL state (and SQLite result code): never a message, which may quote values. */
    static String detail(SQLException e) {
        String detail = e.getClass().getSimpleName() + " SQLState " + e.getSQLState();
        return e instanceof SQLiteException sqlite
                ? detail + " " + sqlite.getResultCode().name()
                : detail;
    }

    private static <T> T runOnce(DataSource dataSource, SqlWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Throwable failure) {
                rollback(connection, failure);
                throw failure;
            }
        }
    }

    private static <T> T readOnce(DataSource dataSource, SqlWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        }
    }

    static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    /** Whether {@code e}, or an exception chained to it, is a conflict that a retry can resolve. */
    static boolean isTransientConflict(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                int primary = sqlite.getResultCode().code & 0xff;
                if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
                    return true;
                }
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (PG_SERIALIZATION_FAILURE.equals(state) || PG_DEADLOCK_DETECTED.equals(state)) {
                    return true;
                }
                SQLException next = sql.getNextException();
                if (next != null && next != t && isTransientConflict(next)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void backOff(int attempt, SQLException conflict) {
        long bound = BASE_BACKOFF_MILLIS << attempt;
        try {
            TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(1, bound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to retry a conflicting transaction", conflict);
        }
    }
}
