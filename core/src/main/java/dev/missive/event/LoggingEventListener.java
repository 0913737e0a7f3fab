package dev.missive.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every event through SLF4J, one line each, under the logger {@code dev.missive.events.<area>}
 * ({@code protocol}, {@code connection}, {@code store}): failures at WARN, protocol steps and
 * refused connections at INFO, connections opening and closing and store retries at DEBUG. Events hold no secrets, so their text is logged as is. Hosts (the CLI servers, the
 * HTTP and TCP servers) use it by default; combine it with a metrics listener through
 * {@link EventListener#all}.
 */
public final class LoggingEventListener implements EventListener {

    private static final Logger PROTOCOL = LoggerFactory.getLogger("dev.missive.events.protocol");
    private static final Logger CONNECTION = LoggerFactory.getLogger("dev.missive.events.connection");
    private static final Logger STORE = LoggerFactory.getLogger("dev.missive.events.store");

    /** A listener writing to the three {@code dev.missive.events.*} loggers. */
    public LoggingEventListener() {}

    @Override
    public void onProtocolEvent(ProtocolEvent event) {
        if (event.isFailure()) {
            PROTOCOL.warn("{}", event);
        } else {
            PROTOCOL.info("{}", event);
        }
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        switch (event) {
            case ConnectionEvent.Opened opened -> CONNECTION.debug("{}", opened);
            case ConnectionEvent.Closed closed -> CONNECTION.debug("{}", closed);
            case ConnectionEvent.Refused refused -> CONNECTION.info("{}", refused);
            case ConnectionEvent.HandshakeFailed failed -> CONNECTION.info("{}", failed);
        }
    }

    @Override
    public void onStoreEvent(StoreEvent event) {
        switch (event) {
            case StoreEvent.Retried retried -> STORE.debug("{}", retried);
            case StoreEvent.Failed failed -> STORE.warn("{}", failed);
        }
    }
}
