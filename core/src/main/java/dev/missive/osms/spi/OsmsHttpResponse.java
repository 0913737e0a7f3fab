package dev.missive.osms.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP response of the OSMS profile, independent of any HTTP library.
 *
 * @param status  the HTTP status
 * @param headers header names to values (includes {@code Content-Type} when there is a body)
 * @param body    the body (may be empty)
 */
public record OsmsHttpResponse(int status, Map<String, String> headers, byte[] body) {

    /** Validates and copies the headers into a case-insensitive map. */
    public OsmsHttpResponse {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(copy);
        Objects.requireNonNull(body, "body");
    }

    /**
     * A header's value.
     *
     * @param name the header name, any case
     * @return the value
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
