package dev.missive.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.missive.event.EventListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A pooled connection to the database named by a {@link StoreUrl}, and the migrations of the
 * protocols that store data in it.
 *
 * <p>SQLite files are opened in WAL mode (readers do not block the writer) with a busy timeout,
 * foreign keys enforced, {@code synchronous} as the URL says ({@code FULL} by default: every commit
 * is synced), and transactions that take the write lock when they begin, so two writers wait for
 * each other instead of failing half-way. PostgreSQL is opened with the URL as given; its
 * {@code currentSchema} parameter, if present, is the schema migrations create and use.
 *
 * <p>Stores use three calls: {@link #read} for queries (auto-commit, no write lock), {@link #write}
 * for state changes (group-committed: one writer thread runs the writes of concurrent callers in one
 * transaction and syncs once, each caller returning only after the commit), and
 * {@link #inTransaction} for a transaction of its own. Retries and failures of the three are
 * reported to the {@link EventListener} given to {@link #open(StoreUrl, EventListener)} as
 * {@link dev.missive.event.StoreEvent}s.
 *
 * <p>Each protocol keeps its own migrations under {@code db/missive/<protocol>/<dialect>/} on the
 * class path and its own Flyway history table {@code flyway_<protocol>_history}, so protocols
 * migrate independently of each other in one database.
 */
public final class Database implements AutoCloseable {

    /** How long an SQLite connection waits for another writer before reporting {@code BUSY}. */
    public static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;

    /**
     * SQLite serializes writers and the group committer is the one writer of this process; the
     * other connections serve readers, which WAL lets run next to it.
     */
    static final int SQLITE_POOL_SIZE = 5;

    static final int POSTGRES_POOL_SIZE = 10;

    private static final Pattern PROTOCOL_NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private final StoreUrl url;
    private final Dialect dialect;
    private final HikariDataSource pool;
    private final EventListener listener;
    private final GroupCommitter committer;

    private Database(StoreUrl url, Dialect dialect, HikariDataSource pool, EventListener listener) {
        this.url = url;
        this.dialect = dialect;
        this.pool = pool;
        this.listener = EventListener.contained(listener);
        this.committer = new GroupCommitter(pool, this.listener, "missive-" + dialect.migrationFolder() + "-writer");
    }

    /**
     * Parses {@code url} and opens its database.
     *
     * @param url a store URL, e.g. {@code sqlite:data/node.db} or {@code
     *     jdbc:postgresql://db/missive}
     * @return the open database; close it to release its pool
     * @throws StoreUrlException if the URL is malformed
     * @throws IllegalArgumentException if it is {@code memory:}, which has no database
     * @throws StoreException if the database cannot be opened
     */
    public static Database open(String url) {
        return open(StoreUrl.parse(url));
    }

    /**
     * Opens the database of {@code url}, creating an SQLite file (and its directory) if needed.
     * The pool connects once before this method returns, so a wrong address fails here.
     *
     * @param url the parsed store URL
     * @return the open database; close it to release its pool
     * @throws IllegalArgumentException if {@code url} is {@code memory:}, which has no database
     * @throws StoreException if the database cannot be opened
     */
    public static Database open(StoreUrl url) {
        return open(url, EventListener.NONE);
    }

    /**
     * {@link #open(StoreUrl)}, reporting the stores' transaction retries and failures to
     * {@code listener} (wrapped with {@link EventListener#contained}, so it cannot disturb a store).
     *
     * @param url the parsed store URL
     * @param listener receives {@link dev.missive.event.StoreEvent}s
     * @return the open database; close it to release its pool
     */
    public static Database open(StoreUrl url, EventListener listener) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(listener, "listener");
        return switch (url) {
            case StoreUrl.Memory memory ->
                throw new IllegalArgumentException("memory: has no database; use the in-memory stores");
            case StoreUrl.Sqlite sqlite -> new Database(url, Dialect.SQLITE, openSqlite(sqlite), listener);
            case StoreUrl.Postgres postgres ->
                new Database(url, Dialect.POSTGRESQL, openPostgres(postgres.jdbcUrl()), listener);
        };
    }

    private static HikariDataSource openSqlite(StoreUrl.Sqlite url) {
        Path path = url.path();
        Path file = path.toAbsolutePath();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of the SQLite database", e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL syncs the WAL on every commit (durable across power loss); NORMAL, an opt-in, only at
        // checkpoints (durable across process crashes; power loss can undo the last commits but
        // never corrupts the file).
        config.setSynchronous(
                switch (url.synchronous()) {
                    case FULL -> SQLiteConfig.SynchronousMode.FULL;
                    case NORMAL -> SQLiteConfig.SynchronousMode.NORMAL;
                });
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("missive-sqlite");
        pool.setDataSource(source);
        pool.setMaximumPoolSize(SQLITE_POOL_SIZE);
        return startPool(pool, "cannot open the SQLite database");
    }

    private static HikariDataSource openPostgres(String jdbcUrl) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(jdbcUrl);
        // Stores read each row's update count from their batches; rewritten batches report none.
        source.setReWriteBatchedInserts(false);

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("missive-postgresql");
        pool.setDataSource(source);
        pool.setMaximumPoolSize(POSTGRES_POOL_SIZE);
        return startPool(pool, "cannot connect to the PostgreSQL database");
    }

    private static HikariDataSource startPool(HikariConfig config, String failure) {
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException(failure, e);
        }
    }

    /**
     * The URL this database was opened from.
     *
     * @return the URL
     */
    public StoreUrl url() {
        return url;
    }

    /**
     * Which SQL dialect the stores must speak.
     *
     * @return SQLite or PostgreSQL
     */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * The connection pool.
     *
     * @return the pool
     */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * Runs {@code work} in a transaction of its own, not group-committed; see
     * {@link Transactions#inTransaction}. Events name it operation {@code transaction} of
     * {@code jdbc}.
     *
     * @param <T> what {@code work} returns
     * @param work the statements to run
     * @return what {@code work} returned, after the commit succeeded
     */
    public <T> T inTransaction(SqlWork<T> work) {
        return Transactions.inTransaction(pool, listener, "jdbc", "transaction", work);
    }

    /**
     * Runs the state change {@code work} (operation {@code operation} of {@code protocol}, as named
     * in {@link dev.missive.event.StoreEvent}s) in one transaction together with the writes of
     * concurrent callers, and returns once that transaction is committed. The result is the same as
     * {@link #inTransaction}'s, with one commit (one sync) for many callers. If another unit of the
     * group fails, this one runs again alone, so its outcome is its own.
     *
     * @param <T> what {@code work} returns
     * @param protocol the short name of the protocol whose store writes, for events
     * @param operation the store operation, for events, e.g. {@code "usePassCode"}
     * @param work the statements to run; may run more than once, so it must not have side effects
     *     outside the connection
     * @return what {@code work} returned, once its transaction committed
     * @throws StoreException if the database fails, or still conflicts after its retries
     * @throws RuntimeException whatever unchecked exception {@code work} threw, after rollback
     * @throws IllegalStateException if called from inside another write
     */
    public <T> T write(String protocol, String operation, SqlWork<T> work) {
        return committer.write(protocol, operation, work);
    }

    /**
     * Like {@link #write(String, String, SqlWork)}, for a write that can be combined: the inputs of
     * concurrent callers that pass the same {@code work} instance (keep it in a field) reach it as
     * one list, in the group's transaction, so one statement can answer them all.
     *
     * @param <I> the input's type
     * @param <O> the output's type
     * @param protocol the short name of the protocol whose store writes, for events
     * @param operation the store operation, for events
     * @param work the combined statements; may run more than once, and alone with a list of one
     * @param input this caller's input
     * @return this caller's output, once its transaction committed
     * @throws StoreException if the database fails, or still conflicts after its retries
     * @throws RuntimeException whatever unchecked exception {@code work} threw, after rollback; or,
     *     for a work that is one statement ({@link CombinedWork#isOneStatement}), thrown after that
     *     statement ran, which may have committed, so it is not run again
     * @throws IllegalStateException if called from inside another write
     */
    public <I, O> O write(String protocol, String operation, CombinedWork<I, O> work, I input) {
        return committer.write(protocol, operation, work, input);
    }

    /**
     * Runs the queries of {@code work} in auto-commit mode, outside the group commit: each statement
     * reads a consistent snapshot and takes no write lock. Conflicts are retried as in
     * {@link #inTransaction}.
     *
     * @param <T> what {@code work} returns
     * @param protocol the short name of the protocol whose store reads, for events
     * @param operation the store operation, for events
     * @param work the queries to run
     * @return what {@code work} returned
     */
    public <T> T read(String protocol, String operation, SqlWork<T> work) {
        return Transactions.read(pool, listener, protocol, operation, work);
    }

    /**
     * How many {@link #write} units ran, and in how many committed transactions.
     *
     * @return the counters
     */
    public WriteCounts writeCounts() {
        return new WriteCounts(committer.units(), committer.commits());
    }

    /** Writes waiting for the writer thread (for tests: to know when a group has formed). */
    int queuedWrites() {
        return committer.queued();
    }

    /**
     * Counters of the group commit since the database opened.
     *
     * @param units the writes run
     * @param commits the transactions that committed them (fewer than {@code units} when grouped)
     */
    public record WriteCounts(long units, long commits) {}

    /**
     * Brings {@code protocol}'s tables up to date by running the Flyway migrations in
     * {@code classpath:db/missive/<protocol>/<dialect>} that have not run yet, recorded in the
     * table {@code flyway_<protocol>_history}. Safe to call on every start and from several node
     * instances at once (Flyway locks the history table).
     *
     * @param protocol lowercase name, e.g. {@code openmsg}; letters, digits and {@code _}
     * @throws IllegalArgumentException if the name is not of that form
     * @throws StoreException if a migration fails or the location does not exist
     */
    public void migrate(String protocol) {
        OptionalInt bundled = BundledMigrations.latestVersion(protocol, dialect);
        if (bundled.isPresent() && bundled.getAsInt() == appliedVersion(protocol)) {
            // Nothing to run: skip Flyway, whose start-up costs most of a short CLI command.
            return;
        }
        migrate(protocol, "latest");
    }

    /**
     * The highest version recorded as applied in {@code protocol}'s Flyway history, or -1 when
     * there is no history (a new database) or it cannot be read; Flyway then decides.
     */
    private int appliedVersion(String protocol) {
        String sql = "select version, success from flyway_" + protocol + "_history";
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            int highest = -1;
            while (rows.next()) {
                String version = rows.getString(1);
                if (!rows.getBoolean(2)) {
                    return -1; // a failed migration: let Flyway report it
                }
                if (version != null && version.chars().allMatch(Character::isDigit)) {
                    highest = Math.max(highest, Integer.parseInt(version));
                }
            }
            return highest;
        } catch (SQLException | NumberFormatException e) {
            return -1;
        }
    }

    /** {@link #migrate(String)} up to version {@code target} only: to build an older schema in tests. */
    void migrate(String protocol, String target) {
        Objects.requireNonNull(protocol, "protocol");
        if (!PROTOCOL_NAME.matcher(protocol).matches()) {
            throw new IllegalArgumentException("protocol name must match " + PROTOCOL_NAME.pattern());
        }
        FluentConfiguration config = Flyway.configure(Database.class.getClassLoader())
                .dataSource(pool)
                .locations("classpath:db/missive/" + protocol + "/" + dialect.migrationFolder())
                .failOnMissingLocations(true)
                .table("flyway_" + protocol + "_history")
                // Another protocol's tables may already be in the schema: start this protocol's
                // history at version 0 instead of refusing a non-empty schema.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .target(target);
        if (url instanceof StoreUrl.Postgres postgres) {
            postgres.currentSchema().ifPresent(config::schemas);
        }
        try {
            config.load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("migrating the " + protocol + " tables failed", e);
        }
    }

    /**
     * Lets the writes already queued commit, then closes the pool; later writes fail with a
     * {@link StoreException}. Connections in use are closed when they are returned.
     */
    @Override
    public void close() {
        committer.close();
        pool.close();
    }

    @Override
    public String toString() {
        return "Database[" + url + "]";
    }
}
