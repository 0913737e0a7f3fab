package dev.missive.smp;

import dev.missive.internal.Locks;
import dev.missive.smp.model.QueueId;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The locks that order each queue's delivery state: a fixed set of {@link ReentrantLock} stripes,
 * a queue's stripe chosen by its recipient ID. Each stripe also counts the sections run under it,
 * so a thread that read the count before some unlocked work can tell, once it holds the lock, that
 * nothing touched the queue's delivery state meanwhile ({@link #sections}).
 */
final class QueueLocks {

    private static final int STRIPES = 256;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final AtomicLongArray sections = new AtomicLongArray(STRIPES);

    QueueLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Runs {@code work} holding the lock of queue {@code rid}, counting it as one section. */
    void withLock(QueueId rid, Runnable work) {
        int stripe = stripe(rid);
        Locks.withLock(locks[stripe], () -> {
            sections.incrementAndGet(stripe);
            work.run();
        });
    }

    /**
     * How many sections have started under the lock of {@code rid}'s stripe. Read it before unlocked
     * work; inside a later section, {@code sections(rid) == before + 1} means that section is the
     * only one to have started since (sections of other queues on the stripe count too, which only
     * makes the answer more cautious).
     */
    long sections(QueueId rid) {
        return sections.get(stripe(rid));
    }

    private static int stripe(QueueId rid) {
        return Math.floorMod(rid.hashCode(), STRIPES);
    }
}
