package dev.missive.osms.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link PinStore} must have. */
public abstract class PinStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private PinStore store;

    /** @return an empty store; called before each test */
    protected abstract PinStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void pinsAreKeptPerServerAndSubjectAndReplaced() {
        PinRecord alice = new PinRecord("http://a", "alice", "00".repeat(20), T0);
        PinRecord server = new PinRecord("http://a", PinRecord.SERVER, "11".repeat(20), T0);
        PinRecord elsewhere = new PinRecord("http://b", "alice", "22".repeat(20), T0);
        store.put(alice);
        store.put(server);
        store.put(elsewhere);
        assertThat(store.find("http://a", "alice")).contains(alice);
        assertThat(store.find("http://a", PinRecord.SERVER)).contains(server);
        assertThat(store.find("http://b", "alice")).contains(elsewhere);
        assertThat(store.find("http://a", "bob")).isEmpty();

        PinRecord repinned = new PinRecord("http://a", "alice", "33".repeat(20), T0.plusSeconds(60));
        store.put(repinned);
        assertThat(store.find("http://a", "alice")).contains(repinned);
        assertThat(store.find("http://b", "alice")).contains(elsewhere);
    }
}
