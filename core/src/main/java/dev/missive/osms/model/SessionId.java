package dev.missive.osms.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a store names a session: the lower-case hex SHA-256 of the {@code OSMS-Session} header value.
 * The header value itself (a bearer secret) is never stored.
 *
 * @param value 64 lower-case hex characters
 */
public record SessionId(String value) {

    private static final Pattern SYNTAX = Pattern.compile("^[0-9a-f]{64}$");

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if not 64 lower-case hex characters
     */
    public SessionId {
        Objects.requireNonNull(value, "value");
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("a session id is 64 lower-case hex characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
