package dev.missive.osms.wire;

import dev.missive.osms.model.OsmsError;
import dev.missive.osms.spi.OsmsHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Content negotiation for OSMS documents and the plain error reply. */
public final class MediaTypes {

    /** Gob documents (our convention: Gob has no registered media type). */
    public static final String GOB = "application/x-gob";

    /** JSON documents. */
    public static final String JSON = "application/json";

    /** OTR messages and errors. */
    public static final String TEXT = "text/plain; charset=utf-8";

    private MediaTypes() {}

    /** The two document encodings. */
    public enum Format {
        /** Go Gob: {@code User} / {@code ServerKey} structs. */
        GOB(MediaTypes.GOB),
        /** JSON: {@code {"username","publicKey"}} / {@code {"publicKey"}}. */
        JSON(MediaTypes.JSON);

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        /**
         * The media type.
         *
         * @return e.g. {@code application/x-gob}
         */
        public String mediaType() {
            return mediaType;
        }
    }

    /**
     * Picks the document format for an {@code Accept} header: the first listed of Gob or JSON
     * (q-values are not weighed); Gob for a missing header or one that accepts anything (the 2015
     * text says documents travel as Gobs).
     *
     * @param accept the header value, may be null
     * @return the format, empty if the header names neither
     */
    public static Optional<Format> negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(Format.GOB);
        }
        boolean wildcard = false;
        for (String part : accept.split(",")) {
            String type = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            switch (type) {
                case GOB -> {
                    return Optional.of(Format.GOB);
                }
                case JSON -> {
                    return Optional.of(Format.JSON);
                }
                case "*/*", "application/*" -> wildcard = true;
                default -> {}
            }
        }
        return wildcard ? Optional.of(Format.GOB) : Optional.empty();
    }

    /**
     * The format a {@code Content-Type} names.
     *
     * @param contentType the header value, may be null
     * @return the format, empty for anything else
     */
    public static Optional<Format> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case GOB -> Optional.of(Format.GOB);
            case JSON -> Optional.of(Format.JSON);
            default -> Optional.empty();
        };
    }

    /**
     * Whether a {@code Content-Type} is {@code text/plain} (any parameters).
     *
     * @param contentType the header value, may be null
     * @return true for text/plain
     */
    public static boolean isText(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("text/plain");
    }

    /**
     * The reply to a refused request: the error's HTTP status, its code in {@code OSMS-Error} and
     * the body {@code <code>\n} as text.
     *
     * @param error the error
     * @return the response
     */
    public static OsmsHttpResponse error(OsmsError error) {
        return new OsmsHttpResponse(
                error.httpStatus(),
                Map.of("Content-Type", TEXT, "OSMS-Error", error.code()),
                (error.code() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
