package dev.missive.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
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
 * foreign keys enforced, and transactions that take the write lock when they begin, so two writers
 * wait for each other instead of failing half-way. PostgreSQL is opened with the URL as given; its
 * {@code currentSchema} parameter, if present, is the schema migrations create and use.
 *
 * <p>Each protocol keeps its own migrations under {@code db/missive/<protocol>/<dialect>/} on the
 * class path and its own Flyway history table {@code flyway_<protocol>_history}, so protocols
 * migrate independently of each other in one database.
 */
public final class Database implements AutoCloseable {

    /** How long an SQLite connection waits for another writer before reporting {@code BUSY}. */
    public static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;

    /**
     * SQLite serializes writers, so a large pool only adds connections waiting on the file lock;
     * a few let readers proceed next to one writer (WAL).
     */
    static final int SQLITE_POOL_SIZE = 4;

    static final int POSTGRES_POOL_SIZE = 10;

    private static final Pattern PROTOCOL_NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private final StoreUrl url;
    private final Dialect dialect;
    private final HikariDataSource pool;

    private Database(StoreUrl url, Dialect dialect, HikariDataSource pool) {
        this.url = url;
        this.dialect = dialect;
        this.pool = pool;
    }

    /**
     * Parses {@code url} and opens its database.
     *
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
     * @throws IllegalArgumentException if {@code url} is {@code memory:}, which has no database
     * @throws StoreException if the database cannot be opened
     */
    public static Database open(StoreUrl url) {
        Objects.requireNonNull(url, "url");
        return switch (url) {
            case StoreUrl.Memory memory ->
                    throw new IllegalArgumentException("memory: has no database; use the in-memory stores");
            case StoreUrl.Sqlite sqlite -> new Database(url, Dialect.SQLITE, openSqlite(sqlite.path()));
            case StoreUrl.Postgres postgres -> new Database(url, Dialect.POSTGRESQL, openPostgres(postgres.jdbcUrl()));
        };
    }

    private static HikariDataSource openSqlite(Path path) {
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
        // NORMAL is durable across application crashes in WAL mode; only power loss can undo
        // the last commits, and it never corrupts the file.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
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

    /** The URL this database was opened from. */
    public StoreUrl url() {
        return url;
    }

    /** Which SQL dialect the stores must speak. */
    public Dialect dialect() {
        return dialect;
    }

    /** The connection pool. */
    public DataSource dataSource() {
        return pool;
    }

    /** Runs {@code work} in one transaction; see {@link Transactions#inTransaction}. */
    public <T> T inTransaction(SqlWork<T> work) {
        return Transactions.inTransaction(pool, work);
    }

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
        migrate(protocol, "latest");
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

    /** Closes the pool; connections in use are closed when they are returned. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "Database[" + url + "]";
    }
}
