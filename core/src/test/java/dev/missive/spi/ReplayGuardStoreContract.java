package dev.missive.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ReplayGuardStore} must have. Each implementation runs this suite through
 * a subclass that supplies {@link #newStore()}: memory in core, SQLite and PostgreSQL in one
 * parameterized class in storage-jdbc (which adds the tests of joining a caller's transaction).
 */
public abstract class ReplayGuardStoreContract {

    /** Threads racing for the same key in the concurrency tests. */
    protected static final int RACERS = 32;

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(10);

    private ReplayGuardStore store;

    /**
     * Returns an empty store. Called before each test, and before each example of the property
     * test; a database-backed subclass clears its tables here so that tests never see each
     * other's entries.
     */
    protected abstract ReplayGuardStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void firstRecordWinsAndSecondIsRefused() {
        assertThat(store.recordIfAbsent("openmsg", "hash-1", T0.plus(TTL), T0)).isTrue();
        assertThat(store.recordIfAbsent("openmsg", "hash-1", T0.plus(TTL), T0.plusSeconds(1)))
                .isFalse();
    }

    @Test
    void differentKeysAreIndependent() {
        assertThat(store.recordIfAbsent("openmsg", "hash-1", T0.plus(TTL), T0)).isTrue();
        assertThat(store.recordIfAbsent("openmsg", "hash-2", T0.plus(TTL), T0)).isTrue();
    }

    @Test
    void scopesAreIndependent() {
        assertThat(store.recordIfAbsent("openmsg", "same", T0.plus(TTL), T0)).isTrue();
        assertThat(store.recordIfAbsent("smp", "same", T0.plus(TTL), T0)).isTrue();
        assertThat(store.recordIfAbsent("smp", "same", T0.plus(TTL), T0)).isFalse();
        assertThat(store.recordIfAbsent("openmsg", "same", T0.plus(TTL), T0)).isFalse();
    }

    @Test
    void keysAreCaseSensitive() {
        assertThat(store.recordIfAbsent("emsg", "nonce", T0.plus(TTL), T0)).isTrue();
        assertThat(store.recordIfAbsent("emsg", "NONCE", T0.plus(TTL), T0)).isTrue();
    }

    @Test
    void expiredEntryCanBeRecordedAgain() {
        Instant expiry = T0.plus(TTL);
        assertThat(store.recordIfAbsent("mesh", "nonce", expiry, T0)).isTrue();
        // At exactly its expiry the entry no longer guards.
        assertThat(store.recordIfAbsent("mesh", "nonce", expiry.plus(TTL), expiry))
                .isTrue();
        assertThat(store.recordIfAbsent("mesh", "nonce", expiry.plus(TTL), expiry.plusSeconds(1)))
                .isFalse();
    }

    @Test
    void entryGuardsUntilItsExpiryEvenWithinAMillisecond() {
        Instant expiry = T0.plusNanos(1_500_000);
        assertThat(store.recordIfAbsent("mesh", "nonce", expiry, T0)).isTrue();
        assertThat(store.recordIfAbsent("mesh", "nonce", expiry.plus(TTL), T0.plusNanos(1_000_000)))
                .isFalse();
        assertThat(store.recordIfAbsent("mesh", "nonce", expiry.plus(TTL), T0.plusMillis(2)))
                .isTrue();
    }

    @Test
    void refusedRecordDoesNotExtendTheExpiry() {
        Instant expiry = T0.plus(TTL);
        assertThat(store.recordIfAbsent("smp", "id", expiry, T0)).isTrue();
        assertThat(store.recordIfAbsent("smp", "id", expiry.plus(Duration.ofDays(1)), T0.plusSeconds(5)))
                .isFalse();
        assertThat(store.recordIfAbsent("smp", "id", expiry.plus(TTL), expiry)).isTrue();
    }

    @Test
    void isRecordedSeesOnlyLiveEntriesAndChangesNothing() {
        Instant expiry = T0.plus(TTL);
        assertThat(store.isRecorded("openmsg", "hash-1", T0)).isFalse();
        assertThat(store.recordIfAbsent("openmsg", "hash-1", expiry, T0)).isTrue();
        assertThat(store.isRecorded("openmsg", "hash-1", T0)).isTrue();
        assertThat(store.isRecorded("openmsg", "hash-1", expiry.minusNanos(1))).isTrue();
        assertThat(store.isRecorded("openmsg", "hash-1", expiry))
                .as("at its expiry")
                .isFalse();
        assertThat(store.isRecorded("smp", "hash-1", T0)).as("other scope").isFalse();
        assertThat(store.isRecorded("openmsg", "HASH-1", T0)).as("other key").isFalse();
        assertThat(store.recordIfAbsent("smp", "hash-2", expiry, T0))
                .as("a look records nothing")
                .isTrue();
    }

    @Test
    void keepsInstantsToTheNanosecond() {
        Instant expiry = T0.plusNanos(1_000_001);
        assertThat(store.recordIfAbsent("mesh", "nonce", expiry, T0)).isTrue();
        assertThat(store.isRecorded("mesh", "nonce", expiry.minusNanos(1))).isTrue();
        assertThat(store.recordIfAbsent("mesh", "nonce", expiry.plus(TTL), expiry.minusNanos(1)))
                .isFalse();
        assertThat(store.recordIfAbsent("mesh", "nonce", expiry.plus(TTL), expiry))
                .isTrue();
    }

    @Test
    void purgeExpiredRemovesOnlyExpiredEntries() {
        store.recordIfAbsent("openmsg", "a", T0.plusSeconds(1), T0);
        store.recordIfAbsent("openmsg", "b", T0.plusSeconds(2), T0);
        store.recordIfAbsent("smp", "c", T0.plusSeconds(10), T0);

        assertThat(store.purgeExpired(T0.plusSeconds(2))).isEqualTo(2);
        assertThat(store.purgeExpired(T0.plusSeconds(2))).isZero();

        // The live entry still guards; the purged ones are gone.
        assertThat(store.recordIfAbsent("smp", "c", T0.plusSeconds(20), T0.plusSeconds(3)))
                .isFalse();
        assertThat(store.recordIfAbsent("openmsg", "a", T0.plusSeconds(20), T0.plusSeconds(3)))
                .isTrue();
    }

    @Test
    void purgeOfAnEmptyStoreRemovesNothing() {
        assertThat(store.purgeExpired(T0)).isZero();
    }

    @Test
    void acceptsTheLongestScopeAndKey() {
        String scope = "s".repeat(ReplayGuardStore.MAX_SCOPE_LENGTH);
        String key = "k".repeat(ReplayGuardStore.MAX_KEY_LENGTH);
        assertThat(store.recordIfAbsent(scope, key, T0.plus(TTL), T0)).isTrue();
        assertThat(store.recordIfAbsent(scope, key, T0.plus(TTL), T0)).isFalse();
    }

    @Test
    void keepsNonAsciiKeysApart() {
        assertThat(store.recordIfAbsent("emsg", "alice#exämple.org", T0.plus(TTL), T0))
                .isTrue();
        assertThat(store.recordIfAbsent("emsg", "alice#example.org", T0.plus(TTL), T0))
                .isTrue();
        assertThat(store.recordIfAbsent("emsg", "alice#exämple.org", T0.plus(TTL), T0))
                .isFalse();
    }

    @Test
    void rejectsInvalidArguments() {
        Instant later = T0.plus(TTL);
        assertThatThrownBy(() -> store.recordIfAbsent("", "k", later, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.recordIfAbsent("s", "", later, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> store.recordIfAbsent("s".repeat(ReplayGuardStore.MAX_SCOPE_LENGTH + 1), "k", later, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.recordIfAbsent("s", "k".repeat(ReplayGuardStore.MAX_KEY_LENGTH + 1), later, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.recordIfAbsent("s", "k\0", later, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.recordIfAbsent("s", "k", T0, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.recordIfAbsent(null, "k", later, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.recordIfAbsent("s", "k", null, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.isRecorded(null, "k", T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.isRecorded("s", "k", null)).isInstanceOf(NullPointerException.class);
        // A refused call stores nothing.
        assertThat(store.recordIfAbsent("s", "k", later, T0)).isTrue();
    }

    @Test
    void exactlyOneOfManyConcurrentRecordsWins() throws Exception {
        assertThat(race(() -> store.recordIfAbsent("openmsg", "contested", T0.plus(TTL), T0)))
                .isEqualTo(1);
        assertThat(store.recordIfAbsent("openmsg", "contested", T0.plus(TTL), T0))
                .isFalse();
    }

    @Test
    void exactlyOneOfManyConcurrentReplacementsOfAnExpiredEntryWins() throws Exception {
        Instant expiry = T0.plus(TTL);
        assertThat(store.recordIfAbsent("smp", "contested", expiry, T0)).isTrue();
        assertThat(race(() -> store.recordIfAbsent("smp", "contested", expiry.plus(TTL), expiry)))
                .isEqualTo(1);
    }

    @Test
    void behavesLikeASimpleModelForAnySequenceOfCalls() {
        qt().withExamples(30)
                .forAll(lists().of(integers().between(0, 1_000)).ofSizeBetween(1, 20))
                .checkAssert(ops -> {
                    ReplayGuardStore fresh = newStore();
                    Map<String, Instant> model = new HashMap<>();
                    Instant now = T0;
                    for (int op : ops) {
                        // Each number picks a step: time moves forward 0-3 s, then a purge, a look-up, or a
                        // record of one of three keys in one of two scopes with a TTL of 1-6 s.
                        now = now.plusSeconds(op % 4);
                        Instant at = now;
                        String scope = "scope-" + (op / 4) % 2;
                        String key = "key-" + (op / 8) % 3;
                        if ((op / 24) % 6 == 0) {
                            int expired = (int) model.values().stream()
                                    .filter(expiry -> !expiry.isAfter(at))
                                    .count();
                            model.values().removeIf(expiry -> !expiry.isAfter(at));
                            assertThat(fresh.purgeExpired(now))
                                    .as("purge at %s", now)
                                    .isEqualTo(expired);
                        } else {
                            Instant expiry = now.plusSeconds(1 + (op / 144) % 6);
                            Instant live = model.get(scope + "/" + key);
                            boolean absent = live == null || !live.isAfter(now);
                            if ((op / 24) % 6 == 1) {
                                assertThat(fresh.isRecorded(scope, key, now))
                                        .as("look up %s/%s at %s", scope, key, now)
                                        .isEqualTo(!absent);
                                continue;
                            }
                            if (absent) {
                                model.put(scope + "/" + key, expiry);
                            }
                            assertThat(fresh.recordIfAbsent(scope, key, expiry, now))
                                    .as("record %s/%s at %s", scope, key, now)
                                    .isEqualTo(absent);
                        }
                    }
                });
    }

    /**
     * Runs {@code attempt} on {@link #RACERS} threads released together by a start gate and
     * returns how many of them answered {@code true}.
     */
    private static int race(Callable<Boolean> attempt) throws Exception {
        CountDownLatch ready = new CountDownLatch(RACERS);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return attempt.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all racers ready").isTrue();
            start.countDown();
            int wins = 0;
            for (Future<Boolean> result : results) {
                if (result.get(60, TimeUnit.SECONDS)) {
                    wins++;
                }
            }
            return wins;
        } finally {
            pool.shutdownNow();
        }
    }
}
