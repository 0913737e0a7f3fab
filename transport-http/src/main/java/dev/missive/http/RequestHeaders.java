package dev.missive.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The headers of one request, looked up case-insensitively (HTTP header names are), each name with
 * its values in the order received.
 */
public final class RequestHeaders {

    /** A request without headers. */
    public static final RequestHeaders NONE = new RequestHeaders(Map.of());

    private final Map<String, List<String>> values;

    private RequestHeaders(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * The headers {@code values} names, copied.
     *
     * @param values header names (any case) to their values
     * @return the headers
     */
    public static RequestHeaders of(Map<String, List<String>> values) {
        Objects.requireNonNull(values, "values");
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        values.forEach((name, list) -> {
            if (name != null && list != null) {
                copy.merge(name, List.copyOf(list), (a, b) -> {
                    List<String> both = new java.util.ArrayList<>(a);
                    both.addAll(b);
                    return List.copyOf(both);
                });
            }
        });
        return new RequestHeaders(copy);
    }

    /**
     * The first value of header {@code name}.
     *
     * @param name the header name, any case
     * @return its first value, if the request has it
     */
    public Optional<String> first(String name) {
        List<String> list = values.get(Objects.requireNonNull(name, "name"));
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /**
     * Every value of header {@code name}.
     *
     * @param name the header name, any case
     * @return its values in the order received; empty if the request has none
     */
    public List<String> all(String name) {
        return values.getOrDefault(Objects.requireNonNull(name, "name"), List.of());
    }

    /**
     * The media type of the request body without its parameters, lower-case ({@code
     * application/json} for {@code Application/JSON; charset=utf-8}).
     *
     * @return the media type, if the request declares one
     */
    public Optional<String> mediaType() {
        return first("Content-Type")
                .map(value -> value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .filter(type -> !type.isEmpty());
    }

    @Override
    public String toString() {
        return "RequestHeaders" + values.keySet();
    }
}
