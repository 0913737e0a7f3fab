package dev.missive.osms.memory;

import dev.missive.internal.Locks;
import dev.missive.osms.model.UserId;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.QueueStore;
import dev.missive.osms.spi.QueuedItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/** {@link QueueStore} in memory: one insertion-ordered map per recipient, one lock. */
public final class InMemoryQueueStore implements QueueStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<UserId, LinkedHashMap<Long, QueuedItem>> queues = new HashMap<>();
    private long nextId = 1;

    /** An empty store. */
    public InMemoryQueueStore() {}

    @Override
    public Optional<QueuedItem> enqueue(
            UserId recipient, UserId sender, Username senderUsername, String message, Instant receivedAt, int quota) {
        return Locks.withLock(lock, () -> {
            var queue = queues.computeIfAbsent(recipient, k -> new LinkedHashMap<>());
            if (queue.size() >= quota) {
                return Optional.<QueuedItem>empty();
            }
            QueuedItem item = new QueuedItem(nextId++, recipient, sender, senderUsername, message, receivedAt);
            queue.put(item.id(), item);
            return Optional.of(item);
        });
    }

    @Override
    public List<QueuedItem> list(UserId recipient, int max) {
        return Locks.withLock(lock, () -> {
            var queue = queues.get(recipient);
            if (queue == null) {
                return List.<QueuedItem>of();
            }
            List<QueuedItem> out = new ArrayList<>();
            for (QueuedItem item : queue.values()) {
                if (out.size() >= max) {
                    break;
                }
                out.add(item);
            }
            return List.copyOf(out);
        });
    }

    @Override
    public int acknowledge(UserId recipient, Collection<Long> ids) {
        Set<Long> unique = new HashSet<>(ids);
        return Locks.withLock(lock, () -> {
            var queue = queues.get(recipient);
            if (queue == null) {
                return 0;
            }
            int removed = 0;
            for (Long id : unique) {
                if (queue.remove(id) != null) {
                    removed++;
                }
            }
            if (queue.isEmpty()) {
                queues.remove(recipient);
            }
            return removed;
        });
    }

    @Override
    public int count(UserId recipient) {
        return Locks.withLock(lock, () -> {
            var queue = queues.get(recipient);
            return queue == null ? 0 : queue.size();
        });
    }
}
