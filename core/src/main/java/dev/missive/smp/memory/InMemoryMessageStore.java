package dev.missive.smp.memory;

import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.Appended;
import dev.missive.smp.spi.MessageStore;
import dev.missive.smp.spi.StoredMessage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MessageStore} in memory (tests, ephemeral servers; messages are lost on restart). A queue
 * without messages has no entry at all. Each operation is atomic per queue through
 * {@link ConcurrentHashMap#compute}; the deques are only touched inside those calls.
 */
public final class InMemoryMessageStore implements MessageStore {

    private final ConcurrentHashMap<QueueId, ArrayDeque<StoredMessage>> queues = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryMessageStore() {}

    @Override
    public Appended append(QueueId recipientId, StoredMessage message, int quota) {
        Appended[] outcome = {Appended.REFUSED_FULL};
        queues.compute(recipientId, (id, deque) -> {
            ArrayDeque<StoredMessage> d = deque == null ? new ArrayDeque<>(4) : deque;
            if (d.size() < quota) {
                outcome[0] = d.isEmpty() ? Appended.AS_HEAD : Appended.BEHIND_OTHERS;
                d.addLast(message);
            }
            return d.isEmpty() ? null : d;
        });
        return outcome[0];
    }

    @Override
    public Optional<StoredMessage> peek(QueueId recipientId) {
        Object[] head = new Object[1];
        queues.computeIfPresent(recipientId, (id, deque) -> {
            head[0] = deque.peekFirst();
            return deque;
        });
        return Optional.ofNullable((StoredMessage) head[0]);
    }

    @Override
    public boolean deleteHead(QueueId recipientId, byte[] msgId) {
        boolean[] deleted = new boolean[1];
        queues.computeIfPresent(recipientId, (id, deque) -> {
            if (!deque.isEmpty() && deque.peekFirst().hasId(msgId)) {
                deque.removeFirst();
                deleted[0] = true;
            }
            return deque.isEmpty() ? null : deque;
        });
        return deleted[0];
    }

    @Override
    public int count(QueueId recipientId) {
        int[] count = new int[1];
        queues.computeIfPresent(recipientId, (id, deque) -> {
            count[0] = deque.size();
            return deque;
        });
        return count[0];
    }

    @Override
    public int expireOlderThan(QueueId recipientId, Instant cutoff) {
        int[] removed = new int[1];
        queues.computeIfPresent(recipientId, (id, deque) -> {
            removed[0] = removeOlder(deque, cutoff);
            return deque.isEmpty() ? null : deque;
        });
        return removed[0];
    }

    @Override
    public int expireOlderThan(Instant cutoff) {
        int removed = 0;
        for (QueueId id : queues.keySet()) {
            removed += expireOlderThan(id, cutoff);
        }
        return removed;
    }

    /** Checks every message, not only a prefix, so a clock stepping backwards cannot shelter an old one. */
    private static int removeOlder(ArrayDeque<StoredMessage> deque, Instant cutoff) {
        int before = deque.size();
        deque.removeIf(m -> m.receivedAt().isBefore(cutoff));
        return before - deque.size();
    }

    @Override
    public int deleteQueue(QueueId recipientId) {
        int[] removed = new int[1];
        queues.computeIfPresent(recipientId, (id, deque) -> {
            removed[0] = deque.size();
            return null;
        });
        return removed[0];
    }
}
