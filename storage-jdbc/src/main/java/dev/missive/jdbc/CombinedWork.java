package dev.missive.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

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
}
