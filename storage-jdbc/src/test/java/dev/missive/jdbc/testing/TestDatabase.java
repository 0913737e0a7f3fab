package dev.missive.jdbc.testing;

import dev.missive.jdbc.Database;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away database for the tests of one class. Register a subclass as a JUnit extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SqliteBackend BACKEND = new SqliteBackend();
 *
 * @Override
 * protected FooStore newStore() {
 *     FooStore store = new JdbcFooStore(BACKEND.database());  // migrates
 *     BACKEND.clear("foo_table", "foo_other");                  // each test starts empty
 *     return store;
 * }
 * }</pre>
 *
 * <p>It is opened before the first test of the class and removed after the last. When the database
 * server is not available (and that is allowed, see {@link PostgresBackend}), every test of the
 * class is reported as skipped with the reason. Tests that need
 * several databases at once (two nodes) can also call {@link #start()} and {@link #close()}
 * themselves.
 */
public abstract sealed class TestDatabase
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, AutoCloseable
        permits SqliteBackend, PostgresBackend {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

    private Database database;
    private String unavailableReason;

    /** Creates the backend; nothing is opened until {@link #start()}. */
    TestDatabase() {}

    /**
     * Creates the database and opens a {@link Database} on it.
     *
     * @throws Unavailable if the database server is not there and the tests may be skipped
     */
    protected abstract Database create() throws Exception;

    /** Removes what {@link #create()} made, after the {@link Database} is closed. */
    protected abstract void destroy() throws Exception;

    /** Opens the database; the JUnit extension calls this before the class's first test. */
    public final void start() throws Exception {
        if (database != null) {
            throw new IllegalStateException("already started");
        }
        try {
            database = create();
        } catch (Unavailable e) {
            unavailableReason = e.getMessage();
            System.err.println("SKIPPED: " + unavailableReason);
        }
    }

    /** The open database. */
    public final Database database() {
        skipIfUnavailable();
        if (database == null) {
            throw new IllegalStateException("not started: register the backend with @RegisterExtension on a static field");
        }
        return database;
    }

    /** Deletes every row of {@code tables}, in the order given, in one transaction. */
    public final void clear(String... tables) {
        database().inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String table : tables) {
                    if (!TABLE.matcher(Objects.requireNonNull(table, "table")).matches()) {
                        throw new IllegalArgumentException("not a plain table name: " + table);
                    }
                    statement.executeUpdate("DELETE FROM " + table);
                }
            }
            return null;
        });
    }

    /** Closes the database and removes it; the JUnit extension calls this after the last test. */
    @Override
    public final void close() throws Exception {
        if (database == null) {
            return;
        }
        try {
            database.close();
        } finally {
            database = null;
            destroy();
        }
    }

    @Override
    public final void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public final void beforeEach(ExtensionContext context) {
        skipIfUnavailable();
    }

    @Override
    public final void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private void skipIfUnavailable() {
        Assumptions.assumeTrue(unavailableReason == null, () -> unavailableReason);
    }

    /** The database server is not there; the tests that need it are skipped with this reason. */
    protected static final class Unavailable extends Exception {
        /** Creates the signal with the reason shown in the test report. */
        public Unavailable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
