package dev.missive.jdbc;

import dev.missive.spi.ReplayGuardStore;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A {@link ReplayGuardStore} in an SQLite or PostgreSQL database, table {@code replay_guard}
 * (migrations of protocol {@value #PROTOCOL}).
 *
 * <p>{@link #recordIfAbsent} is one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} statement:
 * the row is inserted, or an expired row is overwritten, and the update count says which caller
 * won. The database's unique key makes this atomic across threads and across node instances that
 * share a PostgreSQL database; there is no read-then-write window.
 *
 * <p>Times are stored as epoch milliseconds, the expiry rounded up and "now" rounded down, so an
 * entry never stops guarding before its expiry (it may guard up to a millisecond longer).
 */
public final class JdbcReplayGuardStore implements ReplayGuardStore {

    /** The migration name of the replay guard tables. */
    public static final String PROTOCOL = "guard";

    private static final String RECORD = """
            INSERT INTO replay_guard (scope, guard_key, expires_at) VALUES (?, ?, ?)
            ON CONFLICT (scope, guard_key) DO UPDATE SET expires_at = excluded.expires_at
            WHERE replay_guard.expires_at <= ?""";

    private static final String PURGE = "DELETE FROM replay_guard WHERE expires_at <= ?";

    private final DataSource dataSource;

    /** Creates the store on {@code database}, migrating its tables first if needed. */
    public JdbcReplayGuardStore(Database database) {
        Objects.requireNonNull(database, "database");
        database.migrate(PROTOCOL);
        this.dataSource = database.dataSource();
    }

    @Override
    public boolean recordIfAbsent(String scope, String key, Instant expiresAt, Instant now) {
        ReplayGuardStore.checkRecordArguments(scope, key, expiresAt, now);
        long expiry = ceilMillis(expiresAt);
        long current = floorMillis(now);
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(RECORD)) {
                insert.setString(1, scope);
                insert.setString(2, key);
                insert.setLong(3, expiry);
                insert.setLong(4, current);
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int purgeExpired(Instant now) {
        long current = floorMillis(Objects.requireNonNull(now, "now"));
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement purge = connection.prepareStatement(PURGE)) {
                purge.setLong(1, current);
                return purge.executeUpdate();
            }
        });
    }

    /** Epoch milliseconds rounded down, saturated at the range of {@code long}. */
    static long floorMillis(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Epoch milliseconds rounded up, saturated at the range of {@code long}. */
    static long ceilMillis(Instant instant) {
        long floor = floorMillis(instant);
        boolean whole = instant.getNano() % 1_000_000 == 0;
        return whole || floor == Long.MAX_VALUE ? floor : floor + 1;
    }
}
