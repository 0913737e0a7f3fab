package dev.missive.jdbc;

/**
 * A store URL that is not {@code memory:}, {@code sqlite:PATH} or a valid
 * {@code jdbc:postgresql://} URL. The message names the expected forms and never repeats the
 * rejected text, which may hold a password.
 */
public final class StoreUrlException extends IllegalArgumentException {

    /**
     * Creates the exception with a reason that is safe to show to a user.
     *
     * @param reason what is wrong, without the rejected text
     */
    public StoreUrlException(String reason) {
        super(reason);
    }
}
