package dev.missive.emsg;

import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.internal.Locks;
import dev.missive.spi.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Token buckets per key (a sender address, a peer domain): {@code perMinute} tokens, refilled
 * continuously, a burst of the same size. In memory: limits restart with the process, which is
 * acceptable for abuse control.
 */
final class RateLimiter {

    private static final class Bucket {
        final ReentrantLock lock = new ReentrantLock();
        double tokens;
        long lastMillis;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastMillis = now;
        }
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes one token.
     *
     * @throws EmsgException {@code 429} with the wait until a token is back
     */
    void take(String key, int perMinute) throws EmsgException {
        long now = clock.now().toEpochMilli();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now));
        long wait = Locks.withLock(bucket.lock, () -> {
            double perMilli = perMinute / 60_000.0;
            bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, now - bucket.lastMillis) * perMilli);
            bucket.lastMillis = Math.max(bucket.lastMillis, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return -1L;
            }
            return (long) Math.ceil((1 - bucket.tokens) / perMilli);
        });
        if (wait >= 0) {
            throw new EmsgException(EmsgError.RATE_LIMITED, "rate limit reached", null, wait);
        }
    }

    /** Forgets buckets that are full again (idle keys), so the map does not grow without bound. */
    int forgetIdle(Instant now) {
        long millis = now.toEpochMilli();
        int before = buckets.size();
        // A bucket idle for a minute has refilled completely: forgetting it changes no decision.
        buckets.entrySet().removeIf(e -> millis - e.getValue().lastMillis > 60_000L);
        return before - buckets.size();
    }
}
