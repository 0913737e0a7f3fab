package dev.missive.testkit.conformance.osms;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The OSMS server under test and what the suite is told about its configuration. The server must
 * run with open registration: the suite creates its accounts by logging in with fresh keys.
 *
 * @param baseUrl      the server's base URL, e.g. {@code http://127.0.0.1:8080} (the endpoints are appended)
 * @param handshakeTtl the server's login time limit, when known: enables the handshake expiry check
 * @param sessionTtl   the server's idle session lifetime, when known: enables the session expiry check
 * @param maxSessions  the most sessions the server holds, when known: enables the session limit check
 */
public record OsmsTarget(
        URI baseUrl, Optional<Duration> handshakeTtl, Optional<Duration> sessionTtl, OptionalInt maxSessions) {

    /** Validates the components. */
    public OsmsTarget {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(handshakeTtl, "handshakeTtl");
        Objects.requireNonNull(sessionTtl, "sessionTtl");
        Objects.requireNonNull(maxSessions, "maxSessions");
        if (baseUrl.getHost() == null || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("not an http(s) URL with a host: " + baseUrl);
        }
        handshakeTtl.ifPresent(OsmsTarget::positive);
        sessionTtl.ifPresent(OsmsTarget::positive);
        if (maxSessions.isPresent() && maxSessions.getAsInt() < 1) {
            throw new IllegalArgumentException("maxSessions must be positive");
        }
    }

    /**
     * A target known only by its URL: the hardening checks that need the server's limits are skipped.
     *
     * @param baseUrl the server's base URL
     * @return the target
     */
    public static OsmsTarget of(URI baseUrl) {
        return new OsmsTarget(baseUrl, Optional.empty(), Optional.empty(), OptionalInt.empty());
    }

    /**
     * The base URL, for reports.
     *
     * @return the description used in reports
     */
    public String describe() {
        return baseUrl.toString();
    }

    private static void positive(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }
}
