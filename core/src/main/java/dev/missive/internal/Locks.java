package dev.missive.internal;

import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * The one way core code holds a lock: {@code lock}, run, {@code unlock} in {@code finally}. Engines
 * use {@link java.util.concurrent.locks.ReentrantLock}s, never {@code synchronized}, so a virtual
 * thread that blocks while holding one does not pin its carrier.
 */
public final class Locks {

    private Locks() {}

    /** Runs {@code work} while holding {@code lock} and returns its result. */
    public static <T> T withLock(Lock lock, Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} while holding {@code lock}. */
    public static void withLock(Lock lock, Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
