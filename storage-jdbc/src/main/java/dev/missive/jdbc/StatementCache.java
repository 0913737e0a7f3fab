package dev.missive.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConnection;

/**
 * Prepared statements kept open per physical SQLite connection, so {@link Sql} compiles each
 * statement once per connection instead of on every call: the xerial driver runs
 * {@code sqlite3_prepare_v2} and reads the column names again for every {@code prepareStatement}.
 * PostgreSQL needs none of this (pgjdbc caches parsed queries per connection and prepares them on
 * the server after {@code prepareThreshold} uses), so its connections are left alone.
 *
 * <p>A physical connection is used by one thread at a time (the pool hands it out once), so a
 * connection's statements need no locking; only the map from connection to cache is shared. The
 * statements are prepared on the driver's own connection, below the pool's proxy, so the pool does
 * not close them when the connection goes back to it; they close with the physical connection,
 * and a cache whose connection is closed is dropped the next time a connection gets a cache.
 */
final class StatementCache {

    /** Most statements kept per connection: the stores use a few dozen distinct statements. */
    static final int MAX_STATEMENTS = 128;

    private static final Map<SQLiteConnection, StatementCache> CACHES = new ConcurrentHashMap<>();

    private final SQLiteConnection connection;
    private final LinkedHashMap<String, Entry> statements = new LinkedHashMap<>(32, 0.75f, true);

    /** A statement and whether a caller holds it (a nested use of the same SQL gets its own). */
    private static final class Entry {
        final PreparedStatement statement;
        boolean inUse;

        Entry(PreparedStatement statement) {
            this.statement = statement;
        }
    }

    private StatementCache(SQLiteConnection connection) {
        this.connection = connection;
    }

    /**
     * A statement for {@code sql} on {@code connection}, with no parameters bound; close it with
     * {@link Lease#close}, which keeps a cached statement open for the next call.
     */
    static Lease prepare(Connection connection, String sql) throws SQLException {
        if (!connection.isWrapperFor(SQLiteConnection.class)) {
            return new Lease(connection.prepareStatement(sql), null);
        }
        SQLiteConnection physical = connection.unwrap(SQLiteConnection.class);
        StatementCache cache = CACHES.get(physical);
        if (cache == null) {
            // Rare: a new physical connection. Drop the caches of connections the pool has closed.
            CACHES.keySet().removeIf(StatementCache::isClosed);
            cache = CACHES.computeIfAbsent(physical, StatementCache::new);
        }
        return cache.lease(sql);
    }

    private static boolean isClosed(SQLiteConnection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private Lease lease(String sql) throws SQLException {
        Entry entry = statements.get(sql);
        if (entry != null && (entry.inUse || entry.statement.isClosed())) {
            if (entry.inUse) {
                return new Lease(connection.prepareStatement(sql), null);
            }
            statements.remove(sql);
            entry = null;
        }
        if (entry == null) {
            entry = new Entry(connection.prepareStatement(sql));
            statements.put(sql, entry);
            evictEldest();
        }
        entry.inUse = true;
        return new Lease(entry.statement, entry);
    }

    private void evictEldest() {
        Iterator<Entry> eldest = statements.values().iterator();
        while (statements.size() > MAX_STATEMENTS && eldest.hasNext()) {
            Entry entry = eldest.next();
            if (!entry.inUse) {
                eldest.remove();
                try {
                    entry.statement.close();
                } catch (SQLException ignored) {
                    // An evicted statement that fails to close is finalized with its connection.
                }
            }
        }
    }

    /** Work on a leased statement. */
    @FunctionalInterface
    interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /**
     * One use of a statement: {@link #close} closes an uncached one and keeps a cached one for the
     * next call, unless the work on it failed (it may be left mid-step), then it is closed too.
     */
    static final class Lease implements AutoCloseable {

        private final PreparedStatement statement;
        private final Entry entry;
        private boolean broken;

        private Lease(PreparedStatement statement, Entry entry) {
            this.statement = statement;
            this.entry = entry;
        }

        /** Binds {@code parameters} and runs {@code work}; any failure closes the statement on {@link #close}. */
        <T> T run(Object[] parameters, StatementWork<T> work) throws SQLException {
            try {
                for (int i = 0; i < parameters.length; i++) {
                    Sql.bind(statement, i + 1, parameters[i]);
                }
                return work.run(statement);
            } catch (Throwable failure) {
                broken = true;
                throw failure;
            }
        }

        @Override
        public void close() throws SQLException {
            if (entry == null) {
                statement.close();
                return;
            }
            try {
                if (broken) {
                    statement.close(); // the next lease finds it closed and prepares it again
                } else {
                    statement.clearParameters(); // releases the bound values (message bodies)
                }
            } finally {
                entry.inUse = false;
            }
        }
    }
}
