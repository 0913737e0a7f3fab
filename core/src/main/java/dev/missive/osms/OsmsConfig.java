package dev.missive.osms;

import java.time.Duration;
import java.util.Objects;

/**
 * Every tunable of {@link OsmsServer}.
 *
 * @param registrationOpen whether a login AKE by an unknown username creates the account, bound to
 *                         the key the AKE proved ({@code --registration open}); when closed,
 *                         accounts come only from {@link OsmsServer#registerUser}
 * @param handshakeTtl     how long a login may take from the first to the third POST
 * @param sessionTtl       how long a session lives after its last use
 * @param maxBodySize      largest request body, in bytes
 * @param maxRelayedSize   largest OTR message one user sends another, in characters
 * @param queueQuota       most items waiting for one recipient
 * @param pollMax          most items one poll returns
 * @param maxLiveSessions  most sessions (handshakes and logins) held in memory at once
 */
public record OsmsConfig(
        boolean registrationOpen,
        Duration handshakeTtl,
        Duration sessionTtl,
        int maxBodySize,
        int maxRelayedSize,
        int queueQuota,
        int pollMax,
        int maxLiveSessions) {

    /** Closed registration, 2-minute handshakes, 30-minute idle sessions, 64 KiB bodies. */
    public static final OsmsConfig DEFAULTS = new OsmsConfig(
            false, Duration.ofMinutes(2), Duration.ofMinutes(30), 64 * 1024, 32 * 1024, 1000, 100, 10_000);

    /** Validates. */
    public OsmsConfig {
        Objects.requireNonNull(handshakeTtl, "handshakeTtl");
        Objects.requireNonNull(sessionTtl, "sessionTtl");
        if (handshakeTtl.isNegative() || handshakeTtl.isZero()) {
            throw new IllegalArgumentException("handshakeTtl must be positive");
        }
        if (sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("sessionTtl must be positive");
        }
        if (maxBodySize < 1024) {
            throw new IllegalArgumentException("maxBodySize must be at least 1024");
        }
        if (maxRelayedSize < 512 || maxRelayedSize > maxBodySize) {
            throw new IllegalArgumentException("maxRelayedSize must be between 512 and maxBodySize");
        }
        if (queueQuota < 1 || pollMax < 1 || maxLiveSessions < 1) {
            throw new IllegalArgumentException("queueQuota, pollMax and maxLiveSessions must be positive");
        }
    }

    /**
     * The same configuration with registration open or closed.
     *
     * @param value whether registration is open
     *
     * @return a copy with it
     */
    public OsmsConfig withRegistrationOpen(boolean value) {
        return new OsmsConfig(
                value, handshakeTtl, sessionTtl, maxBodySize, maxRelayedSize, queueQuota, pollMax, maxLiveSessions);
    }

    /**
     * The same configuration with another handshake lifetime.
     *
     * @param value the handshake lifetime
     *
     * @return a copy with it
     */
    public OsmsConfig withHandshakeTtl(Duration value) {
        return new OsmsConfig(
                registrationOpen, value, sessionTtl, maxBodySize, maxRelayedSize, queueQuota, pollMax, maxLiveSessions);
    }

    /**
     * The same configuration with another idle session lifetime.
     *
     * @param value the idle session lifetime
     *
     * @return a copy with it
     */
    public OsmsConfig withSessionTtl(Duration value) {
        return new OsmsConfig(
                registrationOpen,
                handshakeTtl,
                value,
                maxBodySize,
                maxRelayedSize,
                queueQuota,
                pollMax,
                maxLiveSessions);
    }

    /**
     * The same configuration with another per-user queue quota.
     *
     * @param value the queue quota
     *
     * @return a copy with it
     */
    public OsmsConfig withQueueQuota(int value) {
        return new OsmsConfig(
                registrationOpen,
                handshakeTtl,
                sessionTtl,
                maxBodySize,
                maxRelayedSize,
                value,
                pollMax,
                maxLiveSessions);
    }

    /**
     * The same configuration with another bound on live sessions.
     *
     * @param value the live session bound
     *
     * @return a copy with it
     */
    public OsmsConfig withMaxLiveSessions(int value) {
        return new OsmsConfig(
                registrationOpen, handshakeTtl, sessionTtl, maxBodySize, maxRelayedSize, queueQuota, pollMax, value);
    }
}
