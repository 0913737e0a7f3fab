package dev.missive.jdbc.testing;

import dev.missive.jdbc.Database;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away database for the tests of one class. To run a store's contract against every
 * database, annotate one test class with {@link OnEachDatabase} and take the backend in its
 * constructor:
 *
 * <pre>{@code
 * @OnEachDatabase
 * class JdbcFooStoreTest extends FooStoreContract {
 *     private final TestDatabase backend;
 *
 *     JdbcFooStoreTest(TestDatabase backend) {
 *         this.backend = backend;
 *     }
 *
 *     @Override
 *     protected FooStore newStore() {
 *         FooStore store = new JdbcFooStore(backend.database());  // migrates
 *         backend.clear("foo_table", "foo_other");                  // each test starts empty
 *         return store;
 *     }
 * }
 * }</pre>
 *
 * The database is then opened on first use and removed after the last test of its run. For a test
 * of one database only, register a subclass as a JUnit extension:
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

    /**
     * One new backend per database Missive supports, SQLite first: the arguments of
     * {@link OnEachDatabase}. Each is opened on first use and closed when its run ends.
     */
    public static Stream<TestDatabase> each() {
        return Stream.of(new SqliteBackend(), new PostgresBackend());
    }

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

    /** The open database, opened now if this is its first use; skips the test if it is unavailable. */
    public final Database database() {
        skipIfUnavailable();
        if (database == null) {
            try {
                start();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot open the test database", e);
            }
            skipIfUnavailable();
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
