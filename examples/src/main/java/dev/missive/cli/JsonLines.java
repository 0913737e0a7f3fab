package dev.missive.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The one-JSON-object-per-line output of the listing commands ({@code inbox}, {@code fetch}),
 * written with Jackson's streaming generator: a command that prints a few lines should not pay for
 * starting an {@code ObjectMapper}.
 */
public final class JsonLines {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Instants in listings: UTC, always with milliseconds, so every time field reads alike. */
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private JsonLines() {}

    /**
     * One JSON object of {@code fields} in their iteration order; {@code null} values are written
     * as JSON {@code null}, numbers and booleans as themselves, anything else as its string.
     *
     * @param fields the members of the object, e.g. a {@code LinkedHashMap}
     * @return the object on one line, without a line break
     */
    public static String of(Map<String, ?> fields) {
        StringWriter line = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(line)) {
            json.writeStartObject();
            for (Map.Entry<String, ?> field : fields.entrySet()) {
                json.writeFieldName(field.getKey());
                switch (field.getValue()) {
                    case null -> json.writeNull();
                    case Long number -> json.writeNumber(number);
                    case Integer number -> json.writeNumber(number);
                    case Boolean flag -> json.writeBoolean(flag);
                    case Object other -> json.writeString(other.toString());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return line.toString();
    }

    /**
     * {@code instant} as listings show it, e.g. {@code 2026-12-06T07:26:29.000Z}.
     *
     * @param instant the time to show
     * @return ISO-8601 in UTC with exactly three fraction digits
     */
    public static String instant(Instant instant) {
        return INSTANT.format(instant);
    }
}
