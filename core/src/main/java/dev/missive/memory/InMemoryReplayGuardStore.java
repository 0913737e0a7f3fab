package dev.missive.memory;

import dev.missive.spi.ReplayGuardStore;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link ReplayGuardStore} held in memory: for tests and for hosts that accept losing the guard
 * on restart. Thread-safe; {@link #recordIfAbsent} is atomic per key through
 * {@link ConcurrentMap#compute}.
 */
public final class InMemoryReplayGuardStore implements ReplayGuardStore {

    private record Entry(String scope, String key) {}

    private final ConcurrentMap<Entry, Instant> expiries = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryReplayGuardStore() {}

    @Override
    public boolean recordIfAbsent(String scope, String key, Instant expiresAt, Instant now) {
        ReplayGuardStore.checkRecordArguments(scope, key, expiresAt, now);
        // compute() runs under the map's per-key lock, so the check and the write are one step.
        boolean[] recorded = {false};
        expiries.compute(new Entry(scope, key), (entry, current) -> {
            if (current != null && current.isAfter(now)) {
                return current;
            }
            recorded[0] = true;
            return expiresAt;
        });
        return recorded[0];
    }

    @Override
    public boolean isRecorded(String scope, String key, Instant now) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Instant expiry = expiries.get(new Entry(scope, key));
        return expiry != null && expiry.isAfter(now);
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        int removed = 0;
        for (var entry : expiries.entrySet()) {
            // remove(key, value) deletes only the expiry we looked at, never a concurrent re-record.
            if (!entry.getValue().isAfter(now) && expiries.remove(entry.getKey(), entry.getValue())) {
                removed++;
            }
        }
        return removed;
    }
}
