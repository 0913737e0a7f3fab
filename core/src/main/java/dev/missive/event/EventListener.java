package dev.missive.event;

import java.util.List;
import java.util.Objects;

/**
 * Receives what engines, transports and stores do, for metrics, tracing and logs (after OkHttp's
 * {@code EventListener}). One method per area, each a no-op by default, so a listener overrides
 * only what it cares about and switches over the sealed event types of that area.
 *
 * <p>Called on the thread that did the work, often while it holds a lock: implementations must be
 * quick and must not block. A listener that throws never disturbs the protocol: emitters call it
 * through {@link #contained}, which drops the exception (and with it that event).
 */
public interface EventListener {

    /** A listener that ignores every event. */
    EventListener NONE = new EventListener() {};

    /**
     * A protocol step: a handshake, a message accepted or refused, a queue created, a clean-up.
     *
     * @param event the step that happened
     */
    default void onProtocolEvent(ProtocolEvent event) {}

    /**
     * A served transport connection opened, was refused, failed its handshake, or closed.
     *
     * @param event what happened to the connection
     */
    default void onConnectionEvent(ConnectionEvent event) {}

    /**
     * A store retried a conflicting transaction or failed.
     *
     * @param event what the store did
     */
    default void onStoreEvent(StoreEvent event) {}

    /**
     * {@code listener} wrapped so that an exception it throws is dropped instead of reaching the
     * emitter. Engines and transports wrap the listener they are given once, when they are built.
     *
     * @param listener the listener to protect
     * @return a listener that never throws
     */
    static EventListener contained(EventListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (listener == NONE || listener instanceof ContainedListener) {
            return listener;
        }
        return new ContainedListener(listener);
    }

    /**
     * One listener that passes each event to every one of {@code listeners}, in order.
     *
     * @param listeners the listeners, called in array order
     * @return the combined listener
     */
    static EventListener all(EventListener... listeners) {
        List<EventListener> each =
                List.of(listeners).stream().map(EventListener::contained).toList();
        return new EventListener() {
            @Override
            public void onProtocolEvent(ProtocolEvent event) {
                each.forEach(listener -> listener.onProtocolEvent(event));
            }

            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                each.forEach(listener -> listener.onConnectionEvent(event));
            }

            @Override
            public void onStoreEvent(StoreEvent event) {
                each.forEach(listener -> listener.onStoreEvent(event));
            }
        };
    }
}
