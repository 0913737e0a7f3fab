package dev.missive.emsg.spi;

import static dev.missive.emsg.spi.StoreFixtures.T0;
import static dev.missive.emsg.spi.StoreFixtures.addr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.spi.ReplayGuardStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link OutboxStore} must have. */
public abstract class OutboxStoreContract {

    private OutboxStore store;
    private ReplayGuardStore guard;

    /** Returns an empty store; called before each test. */
    protected abstract OutboxStore newStore();

    /**
     * Returns an empty replay guard for {@link OutboxStore#enqueueAll}; called after {@link #newStore()}.
     * A store that records the mark in its own transaction returns a guard on its own database here.
     */
    protected ReplayGuardStore newGuard() {
        return new InMemoryReplayGuardStore();
    }

    @BeforeEach
    void createStore() {
        store = newStore();
        guard = newGuard();
    }

    private static SeenMark mark(String key) {
        return new SeenMark("emsg.seen", key, T0.plusSeconds(3600), T0);
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

    @Test
    void enqueueAllQueuesAndRecordsTheMarkOnce() {
        List<OutboxEntry> message = List.of(entry("e1", "b.test", "m1", 0), entry("e2", "c.test", "m1", 0));
        assertThat(store.enqueueAll(message, guard, mark("k1"))).isEqualTo(OptionalInt.of(2));
        assertThat(guard.isRecorded("emsg.seen", "k1", T0)).isTrue();
        assertThat(store.enqueueAll(
                        List.of(entry("e3", "b.test", "m1", 0), entry("e4", "d.test", "m1", 0)), guard, mark("k1")))
                .isEmpty();
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.find("e4")).isEmpty();
        // A new mark with an entry already queued: the mark is recorded, the duplicate skipped.
        assertThat(store.enqueueAll(List.of(entry("e5", "b.test", "m1", 0)), guard, mark("k2")))
                .isEqualTo(OptionalInt.of(0));
        assertThat(guard.isRecorded("emsg.seen", "k2", T0)).isTrue();
    }

    @Test
    void concurrentEnqueueAllOfOneMessageAcceptsItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<OptionalInt>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String entryId = "e" + i;
                results.add(pool.submit(
                        () -> store.enqueueAll(List.of(entry(entryId, "b.test", "dup", 0)), guard, mark("dup"))));
            }
            int accepted = 0;
            for (Future<OptionalInt> f : results) {
                accepted += f.get().isPresent() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(store.size()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leaseTakesTheDueEntriesEarliestFirstAndHidesThemUntilTheLeaseEnds() {
        store.enqueue(entry("e1", "b.test", "m1", 30));
        store.enqueue(entry("e2", "b.test", "m2", 10));
        store.enqueue(entry("e3", "b.test", "m3", 20));
        store.enqueue(entry("e4", "b.test", "m4", 99));
        List<OutboxEntry> leased = store.lease(T0.plusSeconds(30), 2, T0.plusSeconds(60));
        assertThat(leased)
                .containsExactly(
                        entry("e2", "b.test", "m2", 10).retried(1, T0.plusSeconds(60)),
                        entry("e3", "b.test", "m3", 20).retried(1, T0.plusSeconds(60)));
        assertThat(store.find("e2")).contains(leased.get(0));
        assertThat(store.lease(T0.plusSeconds(30), 10, T0.plusSeconds(60)))
                .extracting(OutboxEntry::entryId)
                .containsExactly("e1");
        assertThat(store.lease(T0.plusSeconds(59), 10, T0.plusSeconds(90))).isEmpty();
        assertThat(store.lease(T0.plusSeconds(60), 10, T0.plusSeconds(90)))
                .extracting(OutboxEntry::entryId, OutboxEntry::attempts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("e1", 2),
                        org.assertj.core.groups.Tuple.tuple("e2", 2),
                        org.assertj.core.groups.Tuple.tuple("e3", 2));
    }

    @Test
    void concurrentLeasesAreDisjoint() throws Exception {
        for (int i = 0; i < 40; i++) {
            store.enqueue(entry("e" + i, "b.test", "m" + i, 0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<OutboxEntry>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> store.lease(T0, 5, T0.plusSeconds(60))));
            }
            Set<String> seen = new HashSet<>();
            for (Future<List<OutboxEntry>> f : results) {
                for (OutboxEntry e : f.get()) {
                    assertThat(seen.add(e.entryId()))
                            .as("leased twice: %s", e.entryId())
                            .isTrue();
                }
            }
            assertThat(seen).hasSize(40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removeAllReturnsTheIdsThatWereThere() {
        store.enqueue(entry("e1", "b.test", "m1", 0));
        store.enqueue(entry("e2", "b.test", "m2", 0));
        store.enqueue(entry("e3", "b.test", "m3", 0));
        assertThat(store.removeAll(List.of("e1", "nope", "e3"))).containsExactly("e1", "e3");
        assertThat(store.removeAll(List.of("e1"))).isEmpty();
        assertThat(store.removeAll(List.of())).isEmpty();
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.find("e2")).isPresent();
    }
}
