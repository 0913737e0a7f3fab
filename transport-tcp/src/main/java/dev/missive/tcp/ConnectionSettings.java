package dev.missive.tcp;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one connection.
 *
 * @param handshakeTimeout longest wait for each read during a handshake or greeting
 * @param idleTimeout a connection with no bytes in either direction for this long is closed
 * @param outboxLimit frames that may wait for the writer; a connection that falls further behind is closed
 * @param closeGrace how long a clean close waits for queued frames to be written
 */
public record ConnectionSettings(
        Duration handshakeTimeout, Duration idleTimeout, int outboxLimit, Duration closeGrace) {

    /** 30 s handshake, 1 h idle, 4,096 queued frames, 5 s close grace. */
    public static final ConnectionSettings DEFAULTS =
            new ConnectionSettings(Duration.ofSeconds(30), Duration.ofHours(1), 4096, Duration.ofSeconds(5));

    /** Validates the limits. */
    public ConnectionSettings {
        positive(handshakeTimeout, "handshakeTimeout");
        positive(idleTimeout, "idleTimeout");
        positive(closeGrace, "closeGrace");
        if (outboxLimit < 1) {
            throw new IllegalArgumentException("outboxLimit must be positive");
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and below 24 days");
        }
    }

    /**
     * A copy with another idle timeout.
     *
     * @param idle the new idle timeout; positive and below 24 days
     * @return a copy with only this limit changed
     */
    public ConnectionSettings withIdleTimeout(Duration idle) {
        return new ConnectionSettings(handshakeTimeout, idle, outboxLimit, closeGrace);
    }

    /**
     * A copy with another handshake timeout.
     *
     * @param handshake the new handshake timeout; positive and below 24 days
     * @return a copy with only this limit changed
     */
    public ConnectionSettings withHandshakeTimeout(Duration handshake) {
        return new ConnectionSettings(handshake, idleTimeout, outboxLimit, closeGrace);
    }

    /**
     * A copy with another outbox limit.
     *
     * @param limit the new outbox limit in frames; positive
     * @return a copy with only this limit changed
     */
    public ConnectionSettings withOutboxLimit(int limit) {
        return new ConnectionSettings(handshakeTimeout, idleTimeout, limit, closeGrace);
    }
}
