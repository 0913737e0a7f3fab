package dev.missive.emsg.memory;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.spi.InboxEntry;
import dev.missive.emsg.spi.InboxStore;
import dev.missive.emsg.spi.StoredInboxEntry;
import dev.missive.internal.Locks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/** {@link InboxStore} in memory: one lock around every inbox (simple and enough for tests and small servers). */
public final class InMemoryInboxStore implements InboxStore {

    private record Key(EmsgAddress owner, EmsgAddress sender, String messageId) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<EmsgAddress, List<StoredInboxEntry>> inboxes = new HashMap<>();
    private final Set<Key> present = new HashSet<>();
    private long sequence;

    /** An empty store. */
    public InMemoryInboxStore() {}

    @Override
    public boolean append(InboxEntry entry) {
        return Locks.withLock(lock, () -> {
            if (!present.add(new Key(entry.owner(), entry.sender(), entry.messageId()))) {
                return false;
            }
            inboxes.computeIfAbsent(entry.owner(), o -> new ArrayList<>()).add(new StoredInboxEntry(++sequence, entry));
            return true;
        });
    }

    @Override
    public List<StoredInboxEntry> list(EmsgAddress owner, long afterSequence, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return Locks.withLock(
                lock,
                () -> inboxes.getOrDefault(owner, List.of()).stream()
                        .filter(e -> e.sequence() > afterSequence)
                        .limit(limit)
                        .toList());
    }

    @Override
    public int deleteReceivedBefore(Instant cutoff) {
        return Locks.withLock(lock, () -> {
            int removed = 0;
            for (List<StoredInboxEntry> inbox : inboxes.values()) {
                for (var it = inbox.iterator(); it.hasNext(); ) {
                    InboxEntry e = it.next().entry();
                    if (!e.receivedAt().isAfter(cutoff)) {
                        it.remove();
                        present.remove(new Key(e.owner(), e.sender(), e.messageId()));
                        removed++;
                    }
                }
            }
            return removed;
        });
    }
}
