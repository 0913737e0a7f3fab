package dev.missive.osms.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OSMS username: 1 to 32 ASCII letters and digits, compared case-insensitively and held in lower
 * case (the SMIMP rule for local parts; the 2015 OSMS text says only "alphanumeric").
 *
 * @param value the lower-case form
 */
public record Username(String value) {

    /** Longest username, in characters. */
    public static final int MAX_LENGTH = 32;

    private static final Pattern SYNTAX = Pattern.compile("^[A-Za-z0-9]{1,32}$");

    /**
     * Validates and lower-cases.
     *
     * @throws IllegalArgumentException if {@code value} is not 1 to 32 ASCII letters and digits
     */
    public Username {
        Objects.requireNonNull(value, "value");
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("a username is 1 to 32 ASCII letters and digits");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a username in any case.
     *
     * @param text the text
     * @return the username
     * @throws IllegalArgumentException if it is not a valid username
     */
    public static Username of(String text) {
        return new Username(text);
    }

    /**
     * Whether {@code text} is a valid username.
     *
     * @param text the text, may be null
     * @return true if {@link #of(String)} would accept it
     */
    public static boolean isValid(String text) {
        return text != null && SYNTAX.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
