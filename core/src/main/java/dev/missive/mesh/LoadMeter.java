package dev.missive.mesh;

import dev.missive.internal.Locks;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts requests per clock minute. The load figure of {@code GET /status} is the count of the
 * last complete minute (or of the current one, if larger), so it moves with traffic and needs no
 * timer.
 */
final class LoadMeter {

    private final ReentrantLock lock = new ReentrantLock();
    private long minute = Long.MIN_VALUE;
    private long current;
    private long previous;

    void record(Instant now) {
        Locks.withLock(lock, () -> {
            roll(now);
            current++;
        });
    }

    long load(Instant now) {
        return Locks.withLock(lock, () -> {
            roll(now);
            return Math.max(previous, current);
        });
    }

    private void roll(Instant now) {
        long nowMinute = Math.floorDiv(now.getEpochSecond(), 60);
        if (nowMinute == minute) {
            return;
        }
        previous = nowMinute == minute + 1 ? current : 0;
        current = 0;
        minute = nowMinute;
    }
}
