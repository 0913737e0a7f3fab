package dev.missive.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The statements of the JDBC stores, one call each, so a store method reads as its SQL:
 *
 * <pre>{@code
 * Sql.update(c, "UPDATE openmsg_users SET pass_code_failures = 0 WHERE id = ?", userId);
 * Optional<OpenmsgUser> user = Sql.queryOne(c, "SELECT id, display_name FROM openmsg_users WHERE id = ?",
 *         row -> new OpenmsgUser(row.string(1), row.string(2)), id);
 * }</pre>
 *
 * <p>Parameters are bound by their Java type: {@code String}, {@code byte[]}, {@code Long},
 * {@code Integer}, {@code Boolean}, {@link Instant} (see {@link #epochNanos}), an {@code enum}
 * (its {@code name()}), or {@code null} (SQL {@code NULL}, typed by the statement); on PostgreSQL
 * only, an array of those as a SQL array ({@code byte[][]} as {@code bytea[]}, {@code Long[]} as
 * {@code bigint[]}, {@code Integer[]} as {@code integer[]}, {@code String[]} as {@code text[]}), for
 * statements that take the inputs of many callers at once ({@link CombinedWork}). Anything else
 * is refused with an {@link IllegalArgumentException}, so no value reaches the database in a form
 * that differs between SQLite and PostgreSQL.
 *
 * <p><b>Instants</b> are stored in one way everywhere: epoch nanoseconds in a 64-bit integer
 * column. Every {@code Instant} from 1677-09-21T00:12:43.145224192Z to
 * 2262-04-11T23:47:16.854775807Z round-trips exactly, so a JDBC store returns the same records as
 * its in-memory twin whatever the clock's precision; an instant outside that range is stored as
 * the nearest end ({@link Long#MIN_VALUE} or {@link Long#MAX_VALUE}), which keeps every comparison
 * in SQL in the same order as in Java (never reversed, at worst equal).
 */
public final class Sql {

    private Sql() {}

    /** Reads one column of the current row of a result; instants come back as they were bound. */
    public static final class Row {

        private final ResultSet result;

        private Row(ResultSet result) {
            this.result = result;
        }

        /**
         * The text in column {@code column} (1-based), or null.
         *
         * @param column the column's position, from 1
         * @return the text, or {@code null} for SQL {@code NULL}
         * @throws SQLException if the column does not exist or cannot be read as text
         */
        public String string(int column) throws SQLException {
            return result.getString(column);
        }

        /**
         * The bytes in column {@code column}, or null.
         *
         * @param column the column's position, from 1
         * @return the bytes, or {@code null} for SQL {@code NULL}
         * @throws SQLException if the column does not exist or cannot be read as bytes
         */
        public byte[] bytes(int column) throws SQLException {
            return result.getBytes(column);
        }

        /**
         * The integer in column {@code column} (0 for NULL).
         *
         * @param column the column's position, from 1
         * @return the value
         * @throws SQLException if the column does not exist or is not an integer
         */
        public long longValue(int column) throws SQLException {
            return result.getLong(column);
        }

        /**
         * The integer in column {@code column} (0 for NULL).
         *
         * @param column the column's position, from 1
         * @return the value
         * @throws SQLException if the column does not exist or is not an integer
         */
        public int intValue(int column) throws SQLException {
            return result.getInt(column);
        }

        /**
         * The boolean in column {@code column} (SQLite stores it as 0/1).
         *
         * @param column the column's position, from 1
         * @return the value; {@code false} for SQL {@code NULL}
         * @throws SQLException if the column does not exist or is not a boolean
         */
        public boolean bool(int column) throws SQLException {
            return result.getBoolean(column);
        }

        /**
         * The instant stored in column {@code column} as epoch nanoseconds.
         *
         * @param column the column's position, from 1
         * @return the instant, as {@link Sql#fromEpochNanos} reads it
         * @throws SQLException if the column does not exist or is not an integer
         */
        public Instant instant(int column) throws SQLException {
            return fromEpochNanos(result.getLong(column));
        }
    }

    /**
     * Maps the current row of a result to a value.
     *
     * @param <T> the type of the mapped value
     */
    @FunctionalInterface
    public interface RowMapper<T> {
        /**
         * The value of {@code row}.
         *
         * @param row the current row
         * @return the value the row maps to
         * @throws SQLException if a column cannot be read
         */
        T map(Row row) throws SQLException;
    }

    /**
     * Runs an {@code INSERT}, {@code UPDATE} or {@code DELETE} and returns its update count.
     *
     * @param connection the connection, usually inside a store's transaction
     * @param sql the statement, with {@code ?} placeholders
     * @param parameters one value per placeholder, of a type listed on this class
     * @return the number of rows changed
     * @throws SQLException if the statement fails
     */
    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (StatementCache.Lease lease = StatementCache.prepare(connection, sql)) {
            return lease.run(parameters, PreparedStatement::executeUpdate);
        }
    }

    /**
     * Runs one {@code INSERT}, {@code UPDATE} or {@code DELETE} of at most one row (by a unique key)
     * once per parameter row, as one JDBC batch: PostgreSQL receives every row in one round trip
     * instead of one each. Callers read each count as "changed or not", so a count other than 0 or 1
     * (a statement that changed several rows, or a driver's {@code SUCCESS_NO_INFO}) fails instead.
     *
     * @param connection the connection, usually inside a store's transaction
     * @param sql the statement, with {@code ?} placeholders
     * @param rows per execution, one value per placeholder, of a type listed on this class
     * @return whether each execution changed its row (1) or not (0), in the order of {@code rows}
     * @throws SQLException if a statement fails or reports a count other than 0 or 1
     */
    public static int[] updateEach(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (StatementCache.Lease lease = StatementCache.prepare(connection, sql)) {
            return lease.run(new Object[0], statement -> {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        bind(statement, i + 1, row[i]);
                    }
                    statement.addBatch();
                }
                int[] counts = statement.executeBatch();
                for (int count : counts) {
                    if (count != 0 && count != 1) {
                        throw new SQLException("a batched statement reported " + count + " rows instead of 0 or 1");
                    }
                }
                return counts;
            });
        }
    }

    /**
     * Runs a statement whose result is not needed (e.g. {@code SELECT pg_advisory_xact_lock(?)}).
     *
     * @param connection the connection, usually inside a store's transaction
     * @param sql the statement, with {@code ?} placeholders
     * @param parameters one value per placeholder, of a type listed on this class
     * @throws SQLException if the statement fails
     */
    public static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (StatementCache.Lease lease = StatementCache.prepare(connection, sql)) {
            lease.run(parameters, statement -> {
                if (statement.execute()) {
                    statement.getResultSet().close(); // resets a cached statement for its next use
                }
                return null;
            });
        }
    }

    /**
     * The first row of the query mapped by {@code mapper}, or empty when there is none.
     *
     * @param <T> the type of the mapped value
     * @param connection the connection
     * @param sql the query, with {@code ?} placeholders
     * @param mapper maps the first row
     * @param parameters one value per placeholder, of a type listed on this class
     * @return the mapped first row, or empty
     * @throws SQLException if the query or the mapper fails
     */
    public static <T> Optional<T> queryOne(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        Objects.requireNonNull(mapper, "mapper");
        try (StatementCache.Lease lease = StatementCache.prepare(connection, sql)) {
            return lease.run(parameters, statement -> {
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() ? Optional.of(mapper.map(new Row(result))) : Optional.empty();
                }
            });
        }
    }

    /**
     * Every row of the query mapped by {@code mapper}, in the order the query returns them.
     *
     * @param <T> the type of the mapped values
     * @param connection the connection
     * @param sql the query, with {@code ?} placeholders
     * @param mapper maps each row
     * @param parameters one value per placeholder, of a type listed on this class
     * @return the mapped rows, possibly empty
     * @throws SQLException if the query or the mapper fails
     */
    public static <T> List<T> queryList(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        Objects.requireNonNull(mapper, "mapper");
        try (StatementCache.Lease lease = StatementCache.prepare(connection, sql)) {
            return lease.run(parameters, statement -> {
                try (ResultSet result = statement.executeQuery()) {
                    return rows(result, mapper);
                }
            });
        }
    }

    /** Every row of {@code result}, mapped by {@code mapper}. */
    private static <T> List<T> rows(ResultSet result, RowMapper<T> mapper) throws SQLException {
        Row row = new Row(result);
        List<T> found = new ArrayList<>();
        while (result.next()) {
            found.add(mapper.map(row));
        }
        return found;
    }

    /**
     * Runs several queries as one statement, separated by {@code ;} in {@code sql} (pgjdbc sends
     * them in one round trip; in autocommit mode PostgreSQL runs them as one transaction), and maps
     * the rows of the {@code i}-th query with the {@code i}-th mapper.
     *
     * @param connection the connection
     * @param sql the queries, with {@code ?} placeholders numbered across all of them
     * @param mappers one per query, in order
     * @param parameters one value per placeholder, of a type listed on this class
     * @return per query, its mapped rows
     * @throws SQLException if a query or a mapper fails, or the queries are not as many as the mappers
     */
    public static List<List<Object>> queryEach(
            Connection connection, String sql, List<RowMapper<?>> mappers, Object... parameters) throws SQLException {
        try (StatementCache.Lease lease = StatementCache.prepare(connection, sql)) {
            return lease.run(parameters, statement -> {
                List<List<Object>> results = new ArrayList<>(mappers.size());
                boolean isResult = statement.execute();
                for (RowMapper<?> mapper : mappers) {
                    if (!isResult) {
                        throw new SQLException("expected " + mappers.size() + " query results, got " + results.size());
                    }
                    try (ResultSet result = statement.getResultSet()) {
                        results.add(new ArrayList<>(rows(result, mapper)));
                    }
                    isResult = statement.getMoreResults();
                }
                return results;
            });
        }
    }

    /**
     * Whether the query returns at least one row.
     *
     * @param connection the connection
     * @param sql the query, with {@code ?} placeholders
     * @param parameters one value per placeholder, of a type listed on this class
     * @return {@code true} if there is a row
     * @throws SQLException if the query fails
     */
    public static boolean exists(Connection connection, String sql, Object... parameters) throws SQLException {
        try (StatementCache.Lease lease = StatementCache.prepare(connection, sql)) {
            return lease.run(parameters, statement -> {
                try (ResultSet result = statement.executeQuery()) {
                    return result.next();
                }
            });
        }
    }

    /**
     * {@code instant} as epoch nanoseconds, saturated at the range of {@code long}.
     *
     * @param instant the instant to store
     * @return the nanoseconds since 1970-01-01T00:00:00Z, {@link Long#MIN_VALUE} or {@link
     *     Long#MAX_VALUE} beyond the range
     */
    public static long epochNanos(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * The instant {@code nanos} epoch nanoseconds after 1970-01-01T00:00:00Z.
     *
     * @param nanos nanoseconds since 1970-01-01T00:00:00Z, as {@link #epochNanos} stores them
     * @return the instant
     */
    public static Instant fromEpochNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static void bindArray(PreparedStatement statement, int index, String type, Object[] elements)
            throws SQLException {
        Array array = statement.getConnection().createArrayOf(type, elements);
        statement.setArray(index, array);
    }

    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case null -> statement.setNull(index, Types.NULL);
            case String text -> statement.setString(index, text);
            case byte[] bytes -> statement.setBytes(index, bytes);
            case Long number -> statement.setLong(index, number);
            case Integer number -> statement.setInt(index, number);
            case Boolean flag -> statement.setBoolean(index, flag);
            case Instant instant -> statement.setLong(index, epochNanos(instant));
            case Enum<?> constant -> statement.setString(index, constant.name());
            case byte[][] elements -> bindArray(statement, index, "bytea", elements);
            case Long[] elements -> bindArray(statement, index, "bigint", elements);
            case Integer[] elements -> bindArray(statement, index, "integer", elements);
            case String[] elements -> bindArray(statement, index, "text", elements);
            default ->
                throw new IllegalArgumentException(
                        "cannot bind a " + value.getClass().getName());
        }
    }
}
