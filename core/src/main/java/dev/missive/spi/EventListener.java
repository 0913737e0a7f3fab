package dev.missive.spi;

/**
 * Receives {@link ProtocolEvent}s from engines, for metrics and tracing (after OkHttp's
 * {@code EventListener}). Called on the engine's thread: implementations must be quick and must
 * not throw.
 */
@FunctionalInterface
public interface EventListener {

    /** A listener that ignores every event. */
    EventListener NONE = event -> { };

    void onEvent(ProtocolEvent event);
}
