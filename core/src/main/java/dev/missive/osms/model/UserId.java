package dev.missive.osms.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The server's stable identifier of an account: 32 lower-case hex characters (16 random bytes).
 * Never on the wire; it lets a rename keep queued items, consents and sessions attached.
 *
 * @param value the hex text
 */
public record UserId(String value) {

    private static final Pattern SYNTAX = Pattern.compile("^[0-9a-f]{32}$");

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if not 32 lower-case hex characters
     */
    public UserId {
        Objects.requireNonNull(value, "value");
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("a user id is 32 lower-case hex characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
