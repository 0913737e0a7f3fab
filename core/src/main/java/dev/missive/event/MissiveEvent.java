package dev.missive.event;

import java.time.Instant;

/** What every event has: the protocol it belongs to and when it happened. */
public interface MissiveEvent {

    /** Short protocol name: {@code "openmsg"}, {@code "smp"}, {@code "emsg"}, {@code "osms"}, {@code "mesh"}. */
    String protocol();

    /** When it happened, from the emitter's clock. */
    Instant at();
}
