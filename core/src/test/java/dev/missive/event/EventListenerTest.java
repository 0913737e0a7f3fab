package dev.missive.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventListenerTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final ConnectionEvent OPENED = new ConnectionEvent.Opened("smp", AT, 1, "127.0.0.1:1");
    private static final StoreEvent RETRIED = new StoreEvent.Retried("smp", AT, "send", 2);

    @Test
    void containedSwallowsWhatTheListenerThrows() {
        EventListener throwing = new EventListener() {
            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                throw new IllegalStateException("listener bug");
            }
        };
        assertThatCode(() -> EventListener.contained(throwing).onConnectionEvent(OPENED))
                .doesNotThrowAnyException();
        assertThat(EventListener.contained(EventListener.NONE)).isSameAs(EventListener.NONE);
        EventListener once = EventListener.contained(throwing);
        assertThat(EventListener.contained(once)).isSameAs(once);
    }

    @Test
    void allPassesEachEventToEveryListenerEvenAfterOneThrows() {
        List<MissiveEvent> seen = new ArrayList<>();
        EventListener throwing = new EventListener() {
            @Override
            public void onStoreEvent(StoreEvent event) {
                throw new IllegalStateException("listener bug");
            }
        };
        EventListener recording = new EventListener() {
            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                seen.add(event);
            }

            @Override
            public void onStoreEvent(StoreEvent event) {
                seen.add(event);
            }
        };
        EventListener both = EventListener.all(throwing, recording);
        both.onConnectionEvent(OPENED);
        both.onStoreEvent(RETRIED);
        assertThat(seen).containsExactly(OPENED, RETRIED);
    }
}
