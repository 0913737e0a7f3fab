package dev.missive.emsg.spi;

import static dev.missive.emsg.spi.StoreFixtures.T0;
import static dev.missive.emsg.spi.StoreFixtures.addr;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link OutboxStore} must have. */
public abstract class OutboxStoreContract {

    private OutboxStore store;

    /** Returns an empty store; called before each test. */
    protected abstract OutboxStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static OutboxEntry entry(String entryId, String destination, String messageId, int dueSecond) {
        return new OutboxEntry(
                entryId,
                destination,
                addr("alice#a.test"),
                messageId,
                "{\"id\":\"" + messageId + "\"}",
                entryId.endsWith("n") ? null : addr("alice#a.test"),
                T0,
                T0.plusSeconds(3600),
                0,
                T0.plusSeconds(dueSecond));
    }

    @Test
    void entriesAreQueuedOncePerDestinationSenderAndMessage() {
        assertThat(store.enqueue(entry("e1", "b.test", "m1", 0))).isTrue();
        assertThat(store.enqueue(entry("e2", "b.test", "m1", 0))).isFalse();
        assertThat(store.enqueue(entry("e3n", "c.test", "m1", 0))).isTrue();
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.find("e1")).contains(entry("e1", "b.test", "m1", 0));
        assertThat(store.find("e3n")).contains(entry("e3n", "c.test", "m1", 0));
        assertThat(store.find("e2")).isEmpty();
    }

    @Test
    void dueEntriesComeEarliestFirstUpToTheLimit() {
        store.enqueue(entry("e1", "b.test", "m1", 30));
        store.enqueue(entry("e2", "b.test", "m2", 10));
        store.enqueue(entry("e3", "b.test", "m3", 20));
        store.enqueue(entry("e4", "b.test", "m4", 99));
        assertThat(store.due(T0.plusSeconds(30), 10))
                .extracting(OutboxEntry::entryId)
                .containsExactly("e2", "e3", "e1");
        assertThat(store.due(T0.plusSeconds(30), 2))
                .extracting(OutboxEntry::entryId)
                .containsExactly("e2", "e3");
        assertThat(store.due(T0.plusSeconds(5), 10)).isEmpty();
    }

    @Test
    void rescheduleAndRemove() {
        store.enqueue(entry("e1", "b.test", "m1", 0));
        assertThat(store.reschedule("e1", 3, T0.plusSeconds(500))).isTrue();
        assertThat(store.reschedule("nope", 3, T0)).isFalse();
        assertThat(store.find("e1").orElseThrow().attempts()).isEqualTo(3);
        assertThat(store.find("e1").orElseThrow().nextAttemptAt()).isEqualTo(T0.plusSeconds(500));
        assertThat(store.due(T0.plusSeconds(499), 10)).isEmpty();
        assertThat(store.due(T0.plusSeconds(500), 10)).hasSize(1);
        assertThat(store.remove("e1")).isTrue();
        assertThat(store.remove("e1")).isFalse();
        assertThat(store.size()).isZero();
        // Once removed, the same message may be queued again.
        assertThat(store.enqueue(entry("e9", "b.test", "m1", 0))).isTrue();
    }
}
