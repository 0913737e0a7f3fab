package dev.missive.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an engine's {@code cleanUp()} at a fixed delay on one virtual thread, as the HTTP hosts do:
 * expiry is data in the store, and the host decides when to reclaim it (docs/ARCHITECTURE.md).
 */
public final class CleanUpSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CleanUpSchedule.class);

    private final ScheduledExecutorService executor;

    /**
     * Starts the schedule; the first run comes one {@code interval} from now.
     *
     * @param protocol the protocol's name, for the thread name and the log line of a failed run
     * @param interval the delay between the end of one run and the start of the next
     * @param cleanUp the engine's clean-up
     */
    public CleanUpSchedule(String protocol, Duration interval, Runnable cleanUp) {
        Objects.requireNonNull(cleanUp, "cleanUp");
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("missive-" + protocol + "-clean-up").factory());
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        cleanUp.run();
                    } catch (RuntimeException e) {
                        // A failed run (a database hiccup) must not cancel the later ones.
                        LOG.warn("{} clean-up failed", protocol, e);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    /** Stops the schedule; a run in progress is interrupted. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
