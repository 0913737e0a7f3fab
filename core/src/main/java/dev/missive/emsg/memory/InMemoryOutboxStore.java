package dev.missive.emsg.memory;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.spi.OutboxEntry;
import dev.missive.emsg.spi.OutboxStore;
import dev.missive.internal.Locks;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/** {@link OutboxStore} in memory: one lock around the whole outbox. */
public final class InMemoryOutboxStore implements OutboxStore {

    private record Key(String destination, EmsgAddress sender, String messageId) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, OutboxEntry> entries = new HashMap<>();
    private final Map<Key, String> byMessage = new HashMap<>();

    /** An empty store. */
    public InMemoryOutboxStore() {}

    @Override
    public boolean enqueue(OutboxEntry entry) {
        return Locks.withLock(lock, () -> {
            Key key = new Key(entry.destination(), entry.sender(), entry.messageId());
            if (byMessage.containsKey(key) || entries.containsKey(entry.entryId())) {
                return false;
            }
            byMessage.put(key, entry.entryId());
            entries.put(entry.entryId(), entry);
            return true;
        });
    }

    @Override
    public List<OutboxEntry> due(Instant now, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return Locks.withLock(
                lock,
                () -> entries.values().stream()
                        .filter(e -> !e.nextAttemptAt().isAfter(now))
                        .sorted(Comparator.comparing(OutboxEntry::nextAttemptAt).thenComparing(OutboxEntry::entryId))
                        .limit(limit)
                        .toList());
    }

    /** Under the store's lock, so two drainers never lease the same entry. */
    @Override
    public List<OutboxEntry> lease(Instant now, int limit, Instant leaseUntil) {
        return Locks.withLock(lock, () -> {
            List<OutboxEntry> leased = due(now, limit).stream()
                    .map(e -> e.retried(e.attempts() + 1, leaseUntil))
                    .toList();
            leased.forEach(e -> entries.put(e.entryId(), e));
            return leased;
        });
    }

    @Override
    public Optional<OutboxEntry> find(String entryId) {
        return Locks.withLock(lock, () -> Optional.ofNullable(entries.get(entryId)));
    }

    @Override
    public boolean reschedule(String entryId, int attempts, Instant nextAttemptAt) {
        return Locks.withLock(lock, () -> {
            OutboxEntry e = entries.get(entryId);
            if (e == null) {
                return false;
            }
            entries.put(entryId, e.retried(attempts, nextAttemptAt));
            return true;
        });
    }

    @Override
    public boolean remove(String entryId) {
        return Locks.withLock(lock, () -> {
            OutboxEntry e = entries.remove(entryId);
            if (e == null) {
                return false;
            }
            byMessage.remove(new Key(e.destination(), e.sender(), e.messageId()));
            return true;
        });
    }

    @Override
    public Set<String> removeAll(Collection<String> entryIds) {
        return Locks.withLock(lock, () -> {
            Set<String> removed = new LinkedHashSet<>();
            for (String entryId : entryIds) {
                if (remove(entryId)) {
                    removed.add(entryId);
                }
            }
            return removed;
        });
    }

    @Override
    public int size() {
        return Locks.withLock(lock, entries::size);
    }
}
