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

    /** Receives one event. Engines contain a listener's exception, but the event is then lost. */
    void onEvent(ProtocolEvent event);
}
