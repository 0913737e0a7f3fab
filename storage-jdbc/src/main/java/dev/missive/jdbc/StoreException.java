package dev.missive.jdbc;

/**
 * A database operation failed: the database is unreachable, a statement was refused, a migration
 * failed, or a transaction still conflicted after its retries. The message never contains
 * connection passwords or stored secrets.
 */
public final class StoreException extends RuntimeException {

    /**
     * Creates the exception with a reason and the underlying cause.
     *
     * @param message what failed, without values
     * @param cause the underlying failure, usually an {@link java.sql.SQLException}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
