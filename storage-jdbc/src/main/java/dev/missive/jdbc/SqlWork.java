package dev.missive.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The statements of one transaction, run by {@link Transactions#inTransaction}. The work may be
 * run more than once when the database reports a transient conflict, so it must not have side
 * effects outside the connection.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SqlWork<T> {

    /**
     * Runs the statements on {@code connection}, which is already inside the transaction.
     *
     * @param connection the connection to run the statements on; never commit or close it
     * @return the result handed back to the caller
     * @throws SQLException if a statement fails; the runner rolls back and decides on a retry
     */
    T run(Connection connection) throws SQLException;
}
