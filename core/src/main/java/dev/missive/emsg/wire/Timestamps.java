package dev.missive.emsg.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Message timestamps: written as integer milliseconds since the epoch; read also as integer seconds
 * (any value below {@value #SECONDS_BELOW}) and as RFC 3339 date-times.
 */
public final class Timestamps {

    /** Integers below this are seconds (10<sup>11</sup> ms is March 1973; 10<sup>11</sup> s is year 5138). */
    public static final long SECONDS_BELOW = 100_000_000_000L;

    private Timestamps() {}

    /**
     * Reads a {@code timestamp} member.
     *
     * @param value the member's value
     * @return milliseconds since the epoch
     * @throws EmsgException {@code 422} at {@code $.timestamp} if it is neither form
     */
    public static long toMillis(JsonNode value) throws EmsgException {
        if (value != null && value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            long n = value.longValue();
            return n < SECONDS_BELOW ? n * 1000 : n;
        }
        if (value != null && value.isTextual()) {
            try {
                return OffsetDateTime.parse(value.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant()
                        .toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                // fall through to the refusal
            }
        }
        throw new EmsgException(
                EmsgError.SCHEMA_VIOLATION, "timestamp must be integer ms, integer s or RFC 3339", "$.timestamp", -1);
    }
}
