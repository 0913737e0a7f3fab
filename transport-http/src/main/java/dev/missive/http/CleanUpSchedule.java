package dev.missive.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an engine's periodic work at fixed delays on virtual threads, as the HTTP hosts do: expiry is
 * data in the store, and the host decides when to reclaim it (docs/ARCHITECTURE.md). Usually one
 * task, the engine's {@code cleanUp()}; a host with more periodic work (the mesh server's sync
 * rounds and server-list exchanges) gives one {@link Task} each, and each runs on its own thread,
 * so that a long run of one never delays another. A failed run is logged and the next one runs as
 * planned.
 */
public final class CleanUpSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CleanUpSchedule.class);

    private final ScheduledExecutorService executor;

    /**
     * One periodic task.
     *
     * @param name what it does, for the log line of a failed run (e.g. {@code clean-up})
     * @param initialDelay the delay before the first run
     * @param interval the delay between the end of one run and the start of the next, at least 1 ms
     * @param run the work
     */
    public record Task(String name, Duration initialDelay, Duration interval, Runnable run) {

        /** Checks the components. */
        public Task {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(initialDelay, "initialDelay");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(run, "run");
            if (initialDelay.isNegative() || interval.toMillis() < 1) {
                throw new IllegalArgumentException(
                        "a task needs a non-negative initial delay and an interval of 1 ms+");
            }
        }
    }

    /**
     * Starts the engine's clean-up; the first run comes one {@code interval} from now.
     *
     * @param protocol the protocol's name, for the thread name and the log line of a failed run
     * @param interval the delay between the end of one run and the start of the next
     * @param cleanUp the engine's clean-up
     */
    public CleanUpSchedule(String protocol, Duration interval, Runnable cleanUp) {
        this(protocol, List.of(new Task("clean-up", interval, interval, cleanUp)));
    }

    /**
     * Starts several periodic tasks, each on its own thread.
     *
     * @param protocol the protocol's name, for the thread names and the log lines of failed runs
     * @param tasks the tasks, at least one
     */
    public CleanUpSchedule(String protocol, List<Task> tasks) {
        Objects.requireNonNull(protocol, "protocol");
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no task to schedule");
        }
        Thread.Builder threads = tasks.size() == 1
                ? Thread.ofVirtual()
                        .name("missive-" + protocol + "-" + tasks.getFirst().name())
                : Thread.ofVirtual().name("missive-" + protocol + "-schedule-", 0);
        executor = Executors.newScheduledThreadPool(tasks.size(), threads.factory());
        for (Task task : tasks) {
            executor.scheduleWithFixedDelay(
                    () -> {
                        try {
                            task.run().run();
                        } catch (RuntimeException e) {
                            // A failed run (a database hiccup) must not cancel the later ones.
                            LOG.warn("{} {} failed", protocol, task.name(), e);
                        }
                    },
                    task.initialDelay().toMillis(),
                    task.interval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the schedule: a run in progress is interrupted, and waited for up to 10 seconds. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
