package dev.missive.jdbc;

import dev.missive.event.EventListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Units of one {@link CombinedWork} in a batch run as one call of it, after the other units: on
 * PostgreSQL every statement is a round trip the whole group waits for, so n such writes cost one
 * trip instead of n. A batch that is one statement of one such work, even a batch of one unit,
 * runs in autocommit mode, so it costs one round trip in all, with no {@code COMMIT} of its own.
 */
final class GroupCommitter implements AutoCloseable {

    /** Most units in one transaction: bounds the work lost to one failing unit and the lock hold time. */
    static final int MAX_BATCH = 256;

    private static class Unit<T> {
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

        /** Runs the unit in a transaction of its own; a commit is counted before the caller hears of it. */
        void runAlone(DataSource dataSource, EventListener listener, AtomicLong commits) {
            try {
                T committed = Transactions.inTransaction(dataSource, listener, protocol, operation, work);
                commits.incrementAndGet();
                result.complete(committed);
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        }
    }

    /** A unit of a {@link CombinedWork}; alone, it is a list of one. */
    private static final class CombinedUnit<I, O> extends Unit<O> {
        final CombinedWork<I, O> combined;
        final I input;

        CombinedUnit(String protocol, String operation, CombinedWork<I, O> combined, I input) {
            super(
                    protocol,
                    operation,
                    c -> onlyOutput(combined.runAll(c, List.of(input)), 1).get(0));
            this.combined = combined;
            this.input = input;
        }

        /** Runs {@code units}, all of {@code combined}, in one call and keeps each unit's output. */
        static <I, O> void runAll(Connection connection, CombinedWork<I, O> combined, List<CombinedUnit<I, O>> units)
                throws SQLException {
            List<I> inputs = new ArrayList<>(units.size());
            units.forEach(unit -> inputs.add(unit.input));
            List<O> outputs = onlyOutput(combined.runAll(connection, inputs), units.size());
            for (int i = 0; i < units.size(); i++) {
                units.get(i).value = outputs.get(i);
            }
        }

        private static <O> List<O> onlyOutput(List<O> outputs, int expected) {
            if (outputs.size() != expected) {
                throw new IllegalStateException(
                        "combined work returned " + outputs.size() + " outputs for " + expected + " inputs");
            }
            return outputs;
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
        Objects.requireNonNull(work, "work");
        return submit(new Unit<>(protocol, operation, work));
    }

    /** Queues {@code input} for {@code work}, to run with the group's other inputs of it; waits for the commit. */
    <I, O> O write(String protocol, String operation, CombinedWork<I, O> work, I input) {
        Objects.requireNonNull(work, "work");
        return submit(new CombinedUnit<>(protocol, operation, work, input));
    }

    private <T> T submit(Unit<T> unit) {
        Objects.requireNonNull(unit.protocol, "protocol");
        Objects.requireNonNull(unit.operation, "operation");
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("a write unit cannot start another write");
        }
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
        boolean oneStatement = isOneStatement(batch);
        if (batch.size() > 1 || oneStatement) {
            switch (runTogether(batch, oneStatement)) {
                case COMMITTED -> {
                    commits.incrementAndGet();
                    batch.forEach(Unit::completeWithValue);
                    return;
                }
                case FAILED -> {
                    return;
                }
                case ROLLED_BACK -> {
                    // each unit runs alone below
                }
            }
        }
        for (Unit<?> unit : batch) {
            unit.runAlone(dataSource, listener, commits);
        }
    }

    /**
     * Whether {@code batch} is units of one {@link CombinedWork} that runs them as one statement
     * ({@link CombinedWork#isOneStatement}).
     */
    private static boolean isOneStatement(List<Unit<?>> batch) {
        try {
            return allOneStatement(batch);
        } catch (RuntimeException e) {
            return false; // the writer must go on; the batch then runs in a transaction
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // every unit is of the same work, so the types agree
    private static boolean allOneStatement(List<Unit<?>> batch) {
        if (!(batch.get(0) instanceof CombinedUnit<?, ?> first)) {
            return false;
        }
        List<Object> inputs = new ArrayList<>(batch.size());
        for (Unit<?> unit : batch) {
            if (!(unit instanceof CombinedUnit<?, ?> part) || part.combined != first.combined) {
                return false;
            }
            inputs.add(part.input);
        }
        return ((CombinedWork) first.combined).isOneStatement(inputs);
    }

    /**
     * Runs every unit in one transaction and says how it ended ({@link Together}). A batch that is
     * one statement runs in autocommit mode: the statement is its own transaction.
     */
    private Together runTogether(List<Unit<?>> batch, boolean oneStatement) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(oneStatement);
        } catch (Exception connectionFailure) {
            return Together.ROLLED_BACK; // nothing ran
        }
        try {
            runIn(connection, batch);
            if (!oneStatement) {
                connection.commit();
            }
            return Together.COMMITTED;
        } catch (Throwable failure) {
            if (!oneStatement) {
                Transactions.rollback(connection, failure);
                return Together.ROLLED_BACK;
            }
            if (failure instanceof SQLException e && isRefusal(e)) {
                return Together.ROLLED_BACK; // the statement's implicit transaction is gone
            }
            // The statement may have committed itself (the connection broke, or reading or checking
            // its results failed): never run it twice.
            Throwable reported =
                    failure instanceof SQLException e ? new StoreException("the database write failed", e) : failure;
            batch.forEach(unit -> unit.result.completeExceptionally(reported));
            return Together.FAILED;
        } finally {
            closeQuietly(connection); // a failure to give the connection back changes no outcome
        }
    }

    /**
     * Whether the database refused the statement: an error it reported, with a SQLSTATE, except a
     * broken connection (class {@code 08}), after which the statement may or may not have committed.
     */
    private static boolean isRefusal(SQLException e) {
        String state = e.getSQLState();
        return state != null && !state.startsWith("08");
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (Exception ignored) {
            // The pool discards a connection it cannot take back.
        }
    }

    /** How running a batch in one transaction ended. */
    private enum Together {
        /** Committed: every unit has its value. */
        COMMITTED,
        /** Nothing of it was committed: each unit runs again alone. */
        ROLLED_BACK,
        /** It may have committed, and every unit was told it failed. */
        FAILED
    }

    /** Runs the plain units in queue order, then each combined work once for all its units. */
    @SuppressWarnings({"unchecked", "rawtypes"}) // units are grouped by their work, so the types agree
    private static void runIn(Connection connection, List<Unit<?>> batch) throws Exception {
        Map<CombinedWork<?, ?>, List<CombinedUnit<?, ?>>> combined = new LinkedHashMap<>();
        for (Unit<?> unit : batch) {
            if (unit instanceof CombinedUnit<?, ?> part) {
                combined.computeIfAbsent(part.combined, work -> new ArrayList<>())
                        .add(part);
            } else {
                unit.runIn(connection);
            }
        }
        for (Map.Entry<CombinedWork<?, ?>, List<CombinedUnit<?, ?>>> group : combined.entrySet()) {
            CombinedUnit.runAll(connection, (CombinedWork) group.getKey(), (List) group.getValue());
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
