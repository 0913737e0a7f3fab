package dev.missive.event;

import java.time.Instant;

/** What every event has: the protocol it belongs to and when it happened. */
public interface MissiveEvent {

    /**
     * Short protocol name: {@code "openmsg"}, {@code "smp"}, {@code "emsg"}, {@code "osms"}, {@code
     * "mesh"}.
     *
     * @return the protocol's short name
     */
    String protocol();

    /**
     * When it happened, from the emitter's clock.
     *
     * @return the instant of the event
     */
    Instant at();
}
