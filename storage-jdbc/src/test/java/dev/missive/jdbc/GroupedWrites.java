package dev.missive.jdbc;

import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs store writes so that the group commit takes them as one group, for tests of combined writes. */
public final class GroupedWrites {

    private GroupedWrites() {}

    /**
     * Holds the writer of {@code database} busy, starts every write on a thread of its own, waits
     * until all of them are queued, then lets the writer take them as one group, and checks that the
     * group committed as one transaction: a combined call that failed would be rolled back and each
     * write run alone, with the right answers, and the test would not notice otherwise.
     *
     * @param <T> what each write returns
     * @param database the database the writes go to
     * @param writes store calls that each make one write
     * @return each write's result, in the order of {@code writes}
     * @throws Exception the first failure of a write
     * @throws AssertionError if the group did not commit as one transaction
     */
    public static <T> List<T> inOneGroup(Database database, List<Callable<T>> writes) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<Void> release = new CompletableFuture<>();
        long commitsBefore = database.writeCounts().commits();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Void> hold = threads.submit(() -> database.write("test", "hold", c -> {
                holding.countDown();
                return release.join();
            }));
            if (!holding.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the writer never took the holding unit");
            }
            List<Future<T>> results = new ArrayList<>();
            try {
                for (Callable<T> write : writes) {
                    results.add(threads.submit(write));
                }
                await().until(() -> database.queuedWrites() == writes.size());
            } finally {
                release.complete(null);
            }
            hold.get();
            List<T> values = new ArrayList<>();
            for (Future<T> result : results) {
                try {
                    values.add(result.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            long commits = database.writeCounts().commits() - commitsBefore;
            if (commits != 2) {
                throw new AssertionError("expected the holding write and one group commit, got " + commits
                        + " commits: the group fell back to a transaction per write");
            }
            return values;
        }
    }
}
