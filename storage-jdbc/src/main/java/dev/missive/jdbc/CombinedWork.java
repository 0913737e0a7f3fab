package dev.missive.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A kind of write whose concurrent units the group commit runs together: the writes of one group
 * that name the same {@code CombinedWork} instance reach it as one list, so a store can answer all
 * of them with one statement (one round trip to the database) instead of one each. Used through
 * {@link Database#write(String, String, CombinedWork, Object)}.
 *
 * <p>The units of one group are concurrent callers, none of them answered before the commit, so
 * any order among them is one the callers could have seen; the work may reorder its inputs (for
 * instance to take locks in a fixed order) as long as each output belongs to its input. Like
 * {@link SqlWork}, it may run more than once and must not have effects outside the connection; a
 * unit that runs alone is a list of one.
 *
 * @param <I> one caller's input
 * @param <O> what that caller gets back
 */
@FunctionalInterface
public interface CombinedWork<I, O> {

    /**
     * Runs the writes for {@code inputs} on {@code connection}, inside the group's transaction.
     *
     * @param connection the connection to run the statements on; never commit or close it
     * @param inputs the callers' inputs, at least one
     * @return one output per input, in the order of {@code inputs}
     * @throws SQLException if a statement fails; the group is rolled back and each unit runs alone
     */
    List<O> runAll(Connection connection, List<I> inputs) throws SQLException;

    /**
     * Whether {@link #runAll} runs {@code inputs} as one statement, which the database makes atomic
     * on its own: one {@code execute} of the driver, several queries in it separated by {@code ;}
     * at most (pgjdbc sends them in one round trip, which PostgreSQL runs as one implicit
     * transaction). A group made only of such a work runs in autocommit mode: the statement commits
     * itself, and the round trip of a {@code COMMIT} is saved. Durability is the same: the driver
     * returns after the commit.
     *
     * @param inputs the callers' inputs, at least one
     * @return true only if {@code runAll} would issue exactly one statement for them
     */
    default boolean isOneStatement(List<I> inputs) {
        return false;
    }

    /**
     * The writes of one statement that differ only in their parameters: the group's inputs run as
     * one JDBC batch ({@link Sql#updateEach}), which PostgreSQL receives in one round trip and runs
     * row after row, so each row sees the rows before it as a transaction of its own would. The
     * output of each input is its update count.
     *
     * @param <I> one caller's input
     * @param sql an {@code INSERT}, {@code UPDATE} or {@code DELETE} with {@code ?} placeholders
     * @param parameters an input's values, one per placeholder, of a type {@link Sql} binds
     * @return the combined work
     */
    static <I> CombinedWork<I, Integer> eachInOneBatch(String sql, Function<I, Object[]> parameters) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(parameters, "parameters");
        return (connection, inputs) -> {
            List<Object[]> rows = new ArrayList<>(inputs.size());
            inputs.forEach(input -> rows.add(parameters.apply(input)));
            int[] counts = Sql.updateEach(connection, sql, rows);
            List<Integer> outputs = new ArrayList<>(counts.length);
            for (int count : counts) {
                outputs.add(count);
            }
            return outputs;
        };
    }
}
