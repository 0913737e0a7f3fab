package dev.missive.spi;

import java.time.Instant;

/**
 * The only source of "now" for protocol engines. Engines never read the wall clock themselves, so a
 * test can drive time explicitly and a host can supply a trusted time source.
 */
@FunctionalInterface
public interface Clock {

    /**
     * The current instant.
     *
     * @return the current time
     */
    Instant now();

    /**
     * The system UTC clock: the default a host passes to an engine when it has no clock of its own.
     * Engines receive a {@code Clock}; they never call this method themselves.
     *
     * @return a clock reading the system's UTC time
     */
    static Clock system() {
        return Instant::now;
    }

    /**
     * A clock that always answers {@code instant}; useful for known-answer tests.
     *
     * @param instant the instant to answer
     * @return a clock that never advances
     */
    static Clock fixed(Instant instant) {
        return () -> instant;
    }
}
