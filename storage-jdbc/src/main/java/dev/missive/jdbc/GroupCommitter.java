package dev.missive.jdbc;

import dev.missive.event.EventListener;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Group commit: one writer thread per {@link Database} drains the write units queued by callers,
 * runs them in one transaction and commits once (one sync of the log for all of them), then hands
 * each caller its result. A caller blocks until its unit is committed, so "persist before
 * acknowledge" holds exactly as with a transaction of its own.
 *
 * <p>A unit that throws, or a commit that fails, must not decide the fate of the other units: the
 * batch is rolled back and every unit of it runs again alone through {@link Transactions}, with its
 * own retries, events and outcome. Units have no effects outside their connection ({@link SqlWork}),
 * so running one twice is safe.
 */
final class GroupCommitter implements AutoCloseable {

    /** Most units in one transaction: bounds the work lost to one failing unit and the lock hold time. */
    static final int MAX_BATCH = 256;

    private static final class Unit<T> {
        final String protocol;
        final String operation;
        final SqlWork<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();
        T value;

        Unit(String protocol, String operation, SqlWork<T> work) {
            this.protocol = protocol;
            this.operation = operation;
            this.work = work;
        }

        void runIn(Connection connection) throws Exception {
            value = work.run(connection);
        }

        void completeWithValue() {
            result.complete(value);
        }

        boolean runAlone(DataSource dataSource, EventListener listener) {
            try {
                return result.complete(Transactions.inTransaction(dataSource, listener, protocol, operation, work));
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
                return false;
            }
        }
    }

    private static final Unit<Void> STOP = new Unit<>("jdbc", "stop", c -> null);

    private final DataSource dataSource;
    private final EventListener listener;
    private final LinkedBlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    GroupCommitter(DataSource dataSource, EventListener listener, String name) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.listener = Objects.requireNonNull(listener, "listener");
        // A platform thread: the JDBC drivers block in native code and in synchronized sections.
        this.writer = Thread.ofPlatform().name(name).daemon().start(this::writeLoop);
    }

    /** Queues {@code work}, waits until it is committed, and returns its result. */
    <T> T write(String protocol, String operation, SqlWork<T> work) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(work, "work");
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("a write unit cannot start another write");
        }
        Unit<T> unit = new Unit<>(protocol, operation, work);
        queue.add(unit);
        // close() fails whatever it finds queued after the writer stopped; a unit queued after that
        // drain is taken back here, so every unit is completed exactly once.
        if (closed && queue.remove(unit)) {
            throw new StoreException("the database is closed", null);
        }
        return await(unit.result);
    }

    private static <T> T await(CompletableFuture<T> result) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    // The unit may already be committing: wait for its outcome, keep the interrupt.
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new CompletionException(cause);
    }

    /** Units waiting for the writer (for tests: to know when a group has formed). */
    int queued() {
        return queue.size();
    }

    /** Units written since the database opened. */
    long units() {
        return units.get();
    }

    /** Transactions committed for them: a batch counts once. */
    long commits() {
        return commits.get();
    }

    private void writeLoop() {
        List<Unit<?>> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                runBatch(batch);
            }
            batch.clear();
        }
    }

    private void runBatch(List<Unit<?>> batch) {
        units.addAndGet(batch.size());
        if (batch.size() > 1 && runTogether(batch)) {
            commits.incrementAndGet();
            batch.forEach(Unit::completeWithValue);
            return;
        }
        for (Unit<?> unit : batch) {
            if (unit.runAlone(dataSource, listener)) {
                commits.incrementAndGet();
            }
        }
    }

    /** Runs every unit in one transaction; false (rolled back) if any unit or the commit failed. */
    private boolean runTogether(List<Unit<?>> batch) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Unit<?> unit : batch) {
                    unit.runIn(connection);
                }
                connection.commit();
                return true;
            } catch (Throwable failure) {
                Transactions.rollback(connection, failure);
                return false;
            }
        } catch (Exception connectionFailure) {
            return false;
        }
    }

    /** Stops the writer after the units already queued; units queued later fail. */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Unit<?> left; (left = queue.poll()) != null; ) {
            left.result.completeExceptionally(new StoreException("the database is closed", null));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
