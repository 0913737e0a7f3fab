package dev.missive.emsg.spi;

import static dev.missive.emsg.spi.StoreFixtures.T0;
import static dev.missive.emsg.spi.StoreFixtures.addr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.spi.ReplayGuardStore;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link InboxStore} must have. */
public abstract class InboxStoreContract {

    private InboxStore store;
    private ReplayGuardStore guard;

    /** Returns an empty store; called before each test. */
    protected abstract InboxStore newStore();

    /**
     * Returns an empty replay guard for {@link InboxStore#appendAll}; called after {@link #newStore()}.
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

    private static InboxEntry entry(String owner, String sender, String id, int second) {
        return new InboxEntry(addr(owner), addr(sender), id, "{\"id\":\"" + id + "\"}", T0.plusSeconds(second));
    }

    @Test
    void entriesAreListedOldestFirstWithoutBeingConsumed() {
        assertThat(store.append(entry("bob#b.test", "alice#a.test", "m1", 1))).isTrue();
        assertThat(store.append(entry("bob#b.test", "carol#a.test", "m1", 2))).isTrue();
        assertThat(store.append(entry("dan#b.test", "alice#a.test", "m1", 3))).isTrue();
        List<StoredInboxEntry> bob = store.list(addr("bob#b.test"), 0, 10);
        assertThat(bob)
                .extracting(StoredInboxEntry::entry)
                .containsExactly(
                        entry("bob#b.test", "alice#a.test", "m1", 1), entry("bob#b.test", "carol#a.test", "m1", 2));
        assertThat(bob.get(0).sequence()).isLessThan(bob.get(1).sequence());
        assertThat(store.list(addr("bob#b.test"), 0, 10)).isEqualTo(bob);
        assertThat(store.list(addr("bob#b.test"), bob.get(0).sequence(), 10)).containsExactly(bob.get(1));
        assertThat(store.list(addr("bob#b.test"), 0, 1)).containsExactly(bob.get(0));
        assertThat(store.list(addr("nobody#b.test"), 0, 10)).isEmpty();
    }

    @Test
    void theSameSenderAndIdIsHeldOncePerInbox() {
        assertThat(store.append(entry("bob#b.test", "alice#a.test", "m1", 1))).isTrue();
        assertThat(store.append(entry("bob#b.test", "alice#a.test", "m1", 5))).isFalse();
        assertThat(store.list(addr("bob#b.test"), 0, 10)).hasSize(1);
    }

    @Test
    void concurrentDuplicatesAreStoredOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> store.append(entry("bob#b.test", "alice#a.test", "dup", 1))));
            }
            int stored = 0;
            for (Future<Boolean> f : results) {
                stored += f.get() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oldEntriesAreDeleted() {
        store.append(entry("bob#b.test", "alice#a.test", "m1", 1));
        store.append(entry("bob#b.test", "alice#a.test", "m2", 2));
        store.append(entry("bob#b.test", "alice#a.test", "m3", 3));
        assertThat(store.deleteReceivedBefore(T0.plusSeconds(2))).isEqualTo(2);
        assertThat(store.list(addr("bob#b.test"), 0, 10))
                .extracting(e -> e.entry().messageId())
                .containsExactly("m3");
        // A deleted entry no longer counts as a duplicate.
        assertThat(store.append(entry("bob#b.test", "alice#a.test", "m1", 4))).isTrue();
    }

    @Test
    void appendAllAppendsAndRecordsTheMarkOnce() {
        List<InboxEntry> message =
                List.of(entry("bob#b.test", "alice#a.test", "g1", 1), entry("dan#b.test", "alice#a.test", "g1", 1));
        assertThat(store.appendAll(message, guard, mark("k1"))).isEqualTo(OptionalInt.of(2));
        assertThat(guard.isRecorded("emsg.seen", "k1", T0)).isTrue();
        // The same message again is a duplicate: refused, nothing appended.
        assertThat(store.appendAll(message, guard, mark("k1"))).isEmpty();
        assertThat(store.list(addr("bob#b.test"), 0, 10)).hasSize(1);
        assertThat(store.list(addr("dan#b.test"), 0, 10)).hasSize(1);
        // No local recipient: only the mark.
        assertThat(store.appendAll(List.of(), guard, mark("k2"))).isEqualTo(OptionalInt.of(0));
        assertThat(guard.isRecorded("emsg.seen", "k2", T0)).isTrue();
    }

    @Test
    void appendAllSkipsEntriesTheInboxHolds() {
        assertThat(store.append(entry("bob#b.test", "alice#a.test", "m1", 1))).isTrue();
        assertThat(store.appendAll(
                        List.of(
                                entry("bob#b.test", "alice#a.test", "m1", 2),
                                entry("dan#b.test", "alice#a.test", "m1", 2)),
                        guard,
                        mark("k1")))
                .isEqualTo(OptionalInt.of(1));
    }

    @Test
    void concurrentAppendAllOfOneMessageAcceptsItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<OptionalInt>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() ->
                        store.appendAll(List.of(entry("bob#b.test", "alice#a.test", "dup", 1)), guard, mark("dup"))));
            }
            int accepted = 0;
            for (Future<OptionalInt> f : results) {
                accepted += f.get().isPresent() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(store.list(addr("bob#b.test"), 0, 10)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
