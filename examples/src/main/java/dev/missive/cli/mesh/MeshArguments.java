package dev.missive.cli.mesh;

import dev.missive.http.ProxyChoice;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The converters of the mesh commands' option values; a bad value is a usage error (exit 2). */
final class MeshArguments {

    private MeshArguments() {}

    /**
     * Parses a server URL ({@code --server}, {@code --peer}, {@code --public-url}): an absolute
     * {@code http://} or {@code https://} origin, optionally with a trailing {@code /}; returned
     * without it, lower-case scheme and host, as servers compare audiences.
     */
    static final class ServerUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            URI url;
            try {
                url = new URI(value);
            } catch (URISyntaxException e) {
                url = null;
            }
            if (url == null
                    || url.getHost() == null
                    || url.getScheme() == null
                    || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                    || url.getUserInfo() != null
                    || url.getQuery() != null
                    || url.getFragment() != null
                    || !(url.getRawPath() == null
                            || url.getRawPath().isEmpty()
                            || url.getRawPath().equals("/"))) {
                throw new TypeConversionException("'" + value
                        + "' is not a server URL (expected http[s]://HOST[:PORT], e.g. http://127.0.0.1:8080)");
            }
            String origin = url.getScheme().toLowerCase(Locale.ROOT) + "://"
                    + url.getHost().toLowerCase(Locale.ROOT) + (url.getPort() >= 0 ? ":" + url.getPort() : "");
            return URI.create(origin);
        }
    }

    /** Parses {@code --sync-interval}: a positive ISO-8601 duration of at least one millisecond. */
    static final class Interval implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration interval;
            try {
                interval = Duration.parse(value);
            } catch (DateTimeParseException e) {
                interval = Duration.ZERO;
            }
            if (interval.toMillis() < 1) {
                throw new TypeConversionException(
                        "'" + value + "' is not a positive ISO-8601 duration (e.g. PT1S, PT1M)");
            }
            return interval;
        }
    }

    /** Parses {@code --tx-proxy} / {@code --rx-proxy}: {@code system}, {@code direct}, or a proxy URL. */
    static final class Proxy implements ITypeConverter<ProxyChoice> {
        @Override
        public ProxyChoice convert(String value) {
            try {
                return ProxyChoice.parse(value);
            } catch (IllegalArgumentException e) {
                String shown = value.contains("@") ? "(a proxy URL with credentials)" : "'" + value + "'";
                throw new TypeConversionException(shown + " is not a proxy: " + e.getMessage());
            }
        }
    }
}
