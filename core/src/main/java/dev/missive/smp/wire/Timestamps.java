package dev.missive.smp.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** RFC 3339 timestamps as the seed dialect prints them: UTC, milliseconds, {@code Z}. */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /**
     * E.g. {@code 2020-10-18T20:19:36.874Z}.
     *
     * @param instant the instant
     * @return the RFC 3339 text, in UTC with milliseconds
     */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /**
     * {@code instant} truncated to what the wire carries.
     *
     * @param instant the instant
     * @return the instant truncated to milliseconds
     */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Parses an RFC 3339 {@code date-time} (any fraction length, {@code Z} or an offset).
     *
     * @param text the timestamp text
     * @return the instant
     * @throws IllegalArgumentException if it is not one
     */
    public static Instant parse(String text) {
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not an RFC 3339 date-time", e);
        }
    }
}
