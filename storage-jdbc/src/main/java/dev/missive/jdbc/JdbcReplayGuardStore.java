package dev.missive.jdbc;

import dev.missive.spi.ReplayGuardStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link ReplayGuardStore} in an SQLite or PostgreSQL database: one table {@code replay_guard}
 * (migrations of protocol {@value #PROTOCOL}) for the single-use values of every protocol, kept
 * apart by scope.
 *
 * <p>{@link #recordIfAbsent} is one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} statement:
 * the row is inserted, or an expired row is overwritten, and the update count says which caller
 * won. The database's unique key makes this atomic across threads and across node instances that
 * share a database; there is no read-then-write window.
 *
 * <p>A store that must record a value atomically with its own insert (Openmsg records a message's
 * hash and the message in one transaction) calls the methods that take a {@link Connection}: they
 * run in the caller's transaction, so a rollback of the caller's work removes the entry as well.
 * Instants are stored as {@link Sql#epochNanos epoch nanoseconds}.
 */
public final class JdbcReplayGuardStore implements ReplayGuardStore {

    /** The migration name of the replay guard tables. */
    public static final String PROTOCOL = "guard";

    /**
     * The statement of {@link #recordIfAbsent(Connection, String, String, Instant, Instant)}, with the
     * parameters (scope, key, expiresAt, now): it changes one row iff it recorded the key. A store of
     * the same database may run it with {@code RETURNING} inside a PostgreSQL {@code WITH}, so that
     * its own insert happens in the same statement, and only if the key was recorded.
     */
    public static final String RECORD_IF_ABSENT = """
            INSERT INTO replay_guard (scope, guard_key, expires_at) VALUES (?, ?, ?)
            ON CONFLICT (scope, guard_key) DO UPDATE SET expires_at = excluded.expires_at
            WHERE replay_guard.expires_at <= ?""";

    /**
     * The condition of {@link #isRecorded(Connection, String, String, Instant)}, with the parameters
     * (scope, key, now): true iff a live entry exists. A store of the same database may put it in the
     * select list of its own query, to read the flag in the same round trip.
     */
    public static final String IS_RECORDED =
            "EXISTS (SELECT 1 FROM replay_guard WHERE scope = ? AND guard_key = ? AND expires_at > ?)";

    private final Database database;

    /**
     * Creates the store on {@code database}, migrating its tables first if needed.
     *
     * @param database the database whose tables the store uses
     */
    public JdbcReplayGuardStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.migrate(PROTOCOL);
    }

    /**
     * Whether this store keeps its entries in {@code other}: then a store of {@code other} may record
     * entries in the caller's transaction with {@link #recordIfAbsent(Connection, String, String, Instant,
     * Instant)}, atomically with its own writes.
     *
     * @param other a database
     * @return true if it is this store's database
     */
    public boolean uses(Database other) {
        return database == other;
    }

    @Override
    public boolean recordIfAbsent(String scope, String key, Instant expiresAt, Instant now) {
        ReplayGuardStore.checkRecordArguments(scope, key, expiresAt, now);
        return database.write(
                PROTOCOL, "recordIfAbsent", connection -> recordIfAbsent(connection, scope, key, expiresAt, now));
    }

    /**
     * {@link #recordIfAbsent(String, String, Instant, Instant)} on {@code connection}, inside the
     * caller's transaction: the entry commits or rolls back with the caller's other statements.
     *
     * @param connection the caller's connection, inside its transaction
     * @param scope the namespace of the key
     * @param key the single-use value
     * @param expiresAt when the entry stops guarding; after {@code now}
     * @param now the caller's current time
     * @return {@code true} if this call recorded the key
     * @throws SQLException if the statement fails; the caller's transaction runner decides on retry
     */
    public boolean recordIfAbsent(Connection connection, String scope, String key, Instant expiresAt, Instant now)
            throws SQLException {
        ReplayGuardStore.checkRecordArguments(scope, key, expiresAt, now);
        return Sql.update(connection, RECORD_IF_ABSENT, scope, key, expiresAt, now) == 1;
    }

    @Override
    public boolean isRecorded(String scope, String key, Instant now) {
        return database.read(PROTOCOL, "isRecorded", connection -> isRecorded(connection, scope, key, now));
    }

    /**
     * {@link #isRecorded(String, String, Instant)} on {@code connection}, inside the caller's
     * transaction.
     *
     * @param connection the caller's connection, inside its transaction
     * @param scope the namespace of the key
     * @param key the single-use value
     * @param now the caller's current time
     * @return {@code true} if a live entry exists
     * @throws SQLException if the statement fails; the caller's transaction runner decides on retry
     */
    public boolean isRecorded(Connection connection, String scope, String key, Instant now) throws SQLException {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        return Sql.queryOne(connection, "SELECT " + IS_RECORDED, r -> r.bool(1), scope, key, now)
                .orElse(false);
    }

    @Override
    public int purgeExpired(Instant now) {
        return database.write(PROTOCOL, "purgeExpired", connection -> purgeExpired(connection, now));
    }

    /**
     * {@link #purgeExpired(Instant)} on {@code connection}, inside the caller's transaction. It
     * removes the expired entries of every scope, whichever protocol recorded them.
     *
     * @param connection the caller's connection, inside its transaction
     * @param now the caller's current time; entries expiring at or before it are deleted
     * @return the number of entries deleted
     * @throws SQLException if the statement fails; the caller's transaction runner decides on retry
     */
    public int purgeExpired(Connection connection, Instant now) throws SQLException {
        Objects.requireNonNull(now, "now");
        return Sql.update(connection, "DELETE FROM replay_guard WHERE expires_at <= ?", now);
    }
}
