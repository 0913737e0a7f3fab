package dev.missive.openmsg;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of an {@link OpenmsgNode}. The defaults are the reference's numbers plus our limits;
 * {@code docs/openmsg.md} explains each.
 *
 * @param sandbox                 call peers under {@code sandbox/} (both peers must agree)
 * @param passCodeLifetime        how long a pass code is accepted (reference: 1 h)
 * @param handshakeLifetime       how long the initiator waits for auth-confirm (reference: 60 s)
 * @param messageWindow           how old a message timestamp may be (reference: 60 s); also how long
 *                                the sender confirms a message
 * @param maxFutureSkew           how far in the future a message timestamp may be (the reference has no bound)
 * @param replayGuardRetention    how long a received hash stays in the replay guard; must exceed
 *                                {@code messageWindow + maxFutureSkew}
 * @param maxPassCodeFailures     wrong pass codes per target user before all its codes are burned
 * @param maxRequestBytes         largest accepted request or reply body
 * @param maxMessageChars         longest message text we send (reference column: 2000 characters)
 */
public record OpenmsgConfig(
        boolean sandbox,
        Duration passCodeLifetime,
        Duration handshakeLifetime,
        Duration messageWindow,
        Duration maxFutureSkew,
        Duration replayGuardRetention,
        int maxPassCodeFailures,
        int maxRequestBytes,
        int maxMessageChars) {

    /** Longest display name we send or accept (the reference column is VARCHAR(40)). */
    public static final int MAX_NAME_LENGTH = 40;

    /** The defaults: production paths, 1 h / 60 s / 60 s, 30 s future skew, 1 h guard, 5 failures, 64 KiB, 2000 chars. */
    public static final OpenmsgConfig DEFAULTS = new OpenmsgConfig(
            false,
            Duration.ofHours(1),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            Duration.ofSeconds(30),
            Duration.ofHours(1),
            5,
            64 * 1024,
            2000);

    /** Checks the components. */
    public OpenmsgConfig {
        requirePositive(passCodeLifetime, "passCodeLifetime");
        requirePositive(handshakeLifetime, "handshakeLifetime");
        requirePositive(messageWindow, "messageWindow");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative");
        }
        requirePositive(replayGuardRetention, "replayGuardRetention");
        if (replayGuardRetention.compareTo(messageWindow.plus(maxFutureSkew)) <= 0) {
            throw new IllegalArgumentException("replayGuardRetention must outlive messageWindow + maxFutureSkew");
        }
        if (maxPassCodeFailures < 1) {
            throw new IllegalArgumentException("maxPassCodeFailures must be at least 1");
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 1024");
        }
        if (maxMessageChars < 1) {
            throw new IllegalArgumentException("maxMessageChars must be positive");
        }
    }

    /**
     * The same configuration with the sandbox flag set to {@code sandbox}.
     *
     * @param sandbox {@code true} to serve and call the {@code sandbox/} endpoints instead of the
     *     production ones
     * @return a copy with only the sandbox flag changed
     */
    public OpenmsgConfig withSandbox(boolean sandbox) {
        return new OpenmsgConfig(
                sandbox,
                passCodeLifetime,
                handshakeLifetime,
                messageWindow,
                maxFutureSkew,
                replayGuardRetention,
                maxPassCodeFailures,
                maxRequestBytes,
                maxMessageChars);
    }

    /**
     * The path prefix in front of every endpoint path: {@code "sandbox/"} or {@code ""}.
     *
     * @return {@code "sandbox/"} in sandbox mode, else the empty string
     */
    public String pathPrefix() {
        return sandbox ? "sandbox/" : "";
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
