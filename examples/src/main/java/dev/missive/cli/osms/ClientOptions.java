package dev.missive.cli.osms;

import dev.missive.http.SocksProxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * What every {@code osms} client command shares: {@code --server URL}, {@code --socks HOST:PORT},
 * {@code --state DIR} and {@code --server-fingerprint HEX}. A value that does not parse is a usage
 * error (exit 2) naming the value.
 */
final class ClientOptions {

    /** Where client state lives without {@code --state}: {@code ~/.missive/osms}. */
    static final String DEFAULT_STATE = "${sys:user.home}/.missive/osms";

    @Option(
            names = "--server",
            required = true,
            paramLabel = "URL",
            converter = ServerUrl.class,
            description = "The directory server, http://HOST:PORT (a .onion host needs --socks).")
    URI server;

    @Option(
            names = "--socks",
            paramLabel = "HOST:PORT",
            converter = Socks.class,
            description = "Reach the server through this SOCKS5 proxy (Tor: 127.0.0.1:9050); host names,"
                    + " .onion ones included, are resolved by the proxy only.")
    SocksProxy socks;

    @Option(
            names = "--state",
            paramLabel = "DIR",
            defaultValue = DEFAULT_STATE,
            description = "Client state: pinned keys, conversations, received items (default: ${DEFAULT-VALUE}).")
    Path state;

    @Option(
            names = "--server-fingerprint",
            paramLabel = "HEX",
            converter = Fingerprint.class,
            description = "The server key's fingerprint as osms-server prints it (40 hex digits). Without it"
                    + " the key is trusted on first use, with a warning, and pinned.")
    String serverFingerprint;

    /** Parses {@code --server}: an absolute http or https URL with a host. */
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
                    || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new TypeConversionException(
                        "'" + value + "' is not an http(s) URL with a host (e.g. http://127.0.0.1:8080)");
            }
            return url;
        }
    }

    /** Parses {@code --socks HOST:PORT}. */
    static final class Socks implements ITypeConverter<SocksProxy> {
        @Override
        public SocksProxy convert(String value) {
            try {
                return SocksProxy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not HOST:PORT (" + e.getMessage() + "; e.g. 127.0.0.1:9050)");
            }
        }
    }

    /** Parses {@code --server-fingerprint}: 40 hex digits (SHA-1), spaces and colons allowed. */
    static final class Fingerprint implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String hex = value.replaceAll("[\\s:]", "").toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{40}")) {
                throw new TypeConversionException(
                        "'" + value + "' is not a key fingerprint (40 hex digits, as osms-server prints it)");
            }
            return hex;
        }
    }

    /**
     * Parses a positive duration: ISO-8601 ({@code PT30S}) or a number with a unit ({@code 500ms},
     * {@code 30s}, {@code 2m}, {@code 1h}).
     */
    static final class Wait implements ITypeConverter<Duration> {

        private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Duration duration = parse(value.strip().toLowerCase(Locale.ROOT));
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new TypeConversionException("'" + value + "' is not a positive duration (e.g. 30s, 2m, PT1M)");
            }
            return duration;
        }

        private static Duration parse(String text) {
            Matcher m = SHORT.matcher(text);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            try {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
