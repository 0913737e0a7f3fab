package dev.missive.osms.spi;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request of the OSMS profile, independent of any HTTP library: what the client engine
 * asks its transport to send and what a server adapter hands the server engine.
 *
 * @param method  {@code GET} or {@code POST}
 * @param path    the path, e.g. {@code /create_session/alice}
 * @param headers header names (any case) to values
 * @param body    the body, empty for GET
 */
public record OsmsHttpRequest(String method, String path, Map<String, String> headers, byte[] body) {

    /** Validates and copies the headers into a case-insensitive map. */
    public OsmsHttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
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
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
