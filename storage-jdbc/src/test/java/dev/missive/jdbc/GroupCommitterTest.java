package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.event.EventListener;
import dev.missive.jdbc.testing.SqliteBackend;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GroupCommitterTest {

    @RegisterExtension
    static final SqliteBackend BACKEND = new SqliteBackend();

    private static final int WRITERS = 8;

    private GroupCommitter committer;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void createTable() {
        BACKEND.database().inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE grouped (name TEXT PRIMARY KEY)");
            }
            return null;
        });
    }

    @BeforeEach
    void start() {
        BACKEND.clear("grouped");
        committer = new GroupCommitter(BACKEND.database().dataSource(), EventListener.NONE, "test-writer");
    }

    @AfterEach
    void stop() {
        release.countDown();
        committer.close();
    }

    /** Occupies the writer until {@link #release} opens, so the next writes queue up as one group. */
    private CompletableFuture<Void> holdTheWriter(ExecutorService pool) {
        CompletableFuture<Void> held = CompletableFuture.runAsync(
                () -> committer.write("test", "hold", c -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }),
                pool);
        await().until(() -> committer.queued() == 0 && committer.units() == 1);
        return held;
    }

    /** Starts {@link #WRITERS} writes of rows {@code row0, row1, ...}; returns their results in order. */
    private static List<Future<String>> writeRows(ExecutorService pool, Function<String, Callable<String>> write) {
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            results.add(pool.submit(write.apply("row" + i)));
        }
        return results;
    }

    /** Lets the held writer go once {@code queued} units wait, as one group. */
    private void releaseWhenQueued(int queued, CompletableFuture<Void> held) {
        await().until(() -> committer.queued() == queued);
        release.countDown();
        held.join();
    }

    private static void assertFailsWith(CompletableFuture<String> write, Class<? extends Throwable> cause) {
        assertThat(write)
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(cause);
    }

    private static String insert(GroupCommitter committer, String name) {
        return committer.write("test", "insert", c -> {
            Sql.update(c, "INSERT INTO grouped (name) VALUES (?)", name);
            return name;
        });
    }

    @Test
    void concurrentWritesShareOneCommitAndEachCallerGetsItsResult() throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Void> held = holdTheWriter(pool);
            List<Future<String>> results = writeRows(pool, name -> () -> insert(committer, name));
            releaseWhenQueued(WRITERS, held);
            for (int i = 0; i < WRITERS; i++) {
                assertThat(results.get(i).get()).isEqualTo("row" + i);
            }
        }
        assertThat(rows()).isEqualTo(WRITERS);
        assertThat(committer.units()).isEqualTo(WRITERS + 1);
        assertThat(committer.commits()).isEqualTo(2);
    }

    @Test
    void aFailingUnitDoesNotPoisonTheOthersInItsGroup() throws Exception {
        BACKEND.database().inTransaction(c -> Sql.update(c, "INSERT INTO grouped (name) VALUES (?)", "taken"));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Void> held = holdTheWriter(pool);
            List<Future<String>> good = writeRows(pool, name -> () -> insert(committer, name));
            CompletableFuture<String> duplicate = CompletableFuture.supplyAsync(() -> insert(committer, "taken"), pool);
            CompletableFuture<String> thrown = CompletableFuture.supplyAsync(
                    () -> committer.write("test", "throw", c -> {
                        Sql.update(c, "INSERT INTO grouped (name) VALUES (?)", "rolled-back");
                        throw new IllegalStateException("refused by the work");
                    }),
                    pool);
            releaseWhenQueued(WRITERS + 2, held);
            for (int i = 0; i < WRITERS; i++) {
                assertThat(good.get(i).get()).isEqualTo("row" + i);
            }
            assertFailsWith(duplicate, StoreException.class);
            assertThat(thrown)
                    .failsWithin(Duration.ofSeconds(30))
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOf(IllegalStateException.class)
                    .withMessage("refused by the work");
        }
        assertThat(rows()).isEqualTo(WRITERS + 1);
        // The group rolled back, then each unit ran alone: the hold, and one commit per good unit.
        assertThat(committer.commits()).isEqualTo(1 + WRITERS);
    }

    /** Inserts every name of a group with one statement; records how many inputs each call got. */
    private final List<Integer> combinedCalls = new CopyOnWriteArrayList<>();

    private final CombinedWork<String, String> insertAll = (c, names) -> {
        combinedCalls.add(names.size());
        StringBuilder sql = new StringBuilder("INSERT INTO grouped (name) VALUES (?)");
        sql.append(", (?)".repeat(names.size() - 1));
        Sql.update(c, sql.toString(), names.toArray());
        return names.stream().map(name -> "stored " + name).toList();
    };

    @Test
    void combinedUnitsOfOneGroupRunAsOneCallAndEachCallerGetsItsOwnOutput() throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Void> held = holdTheWriter(pool);
            List<Future<String>> combined =
                    writeRows(pool, name -> () -> committer.write("test", "insertAll", insertAll, name));
            Future<String> plain = pool.submit(() -> insert(committer, "plain"));
            releaseWhenQueued(WRITERS + 1, held);
            for (int i = 0; i < WRITERS; i++) {
                assertThat(combined.get(i).get()).isEqualTo("stored row" + i);
            }
            assertThat(plain.get()).isEqualTo("plain");
        }
        assertThat(combinedCalls).containsExactly(WRITERS);
        assertThat(rows()).isEqualTo(WRITERS + 1);
        assertThat(committer.units()).isEqualTo(WRITERS + 2);
        assertThat(committer.commits()).isEqualTo(2);
    }

    @Test
    void aFailingCombinedCallRunsEachOfItsUnitsAlone() throws Exception {
        BACKEND.database().inTransaction(c -> Sql.update(c, "INSERT INTO grouped (name) VALUES (?)", "taken"));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Void> held = holdTheWriter(pool);
            List<Future<String>> good =
                    writeRows(pool, name -> () -> committer.write("test", "insertAll", insertAll, name));
            CompletableFuture<String> duplicate =
                    CompletableFuture.supplyAsync(() -> committer.write("test", "insertAll", insertAll, "taken"), pool);
            releaseWhenQueued(WRITERS + 1, held);
            for (int i = 0; i < WRITERS; i++) {
                assertThat(good.get(i).get()).isEqualTo("stored row" + i);
            }
            assertFailsWith(duplicate, StoreException.class);
        }
        // One call for the whole group (rolled back), then one call of one input per unit.
        assertThat(combinedCalls).hasSize(1 + WRITERS + 1).first().isEqualTo(WRITERS + 1);
        assertThat(combinedCalls.subList(1, combinedCalls.size())).containsOnly(1);
        assertThat(rows()).isEqualTo(WRITERS + 1);
    }

    @Test
    void aCombinedWorkThatLosesAnOutputFailsItsCallerInsteadOfAnsweringWrongly() {
        CombinedWork<String, String> losesOne = (c, names) -> names.subList(1, names.size());
        CompletableFuture<String> lost =
                CompletableFuture.supplyAsync(() -> committer.write("test", "losesOne", losesOne, "x"));
        assertThat(lost)
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(IllegalStateException.class)
                .withMessageContaining("0 outputs for 1 inputs");
    }

    @Test
    void writesAfterCloseFail() {
        committer.close();
        CompletableFuture<String> late = CompletableFuture.supplyAsync(() -> insert(committer, "late"));
        assertFailsWith(late, StoreException.class);
        assertThat(rows()).isZero();
    }

    @Test
    void aWriteFromInsideAWriteIsRefused() {
        CompletableFuture<String> nested =
                CompletableFuture.supplyAsync(() -> committer.write("test", "outer", c -> insert(committer, "inner")));
        assertFailsWith(nested, IllegalStateException.class);
        assertThat(rows()).isZero();
    }

    private static long rows() {
        return BACKEND.database()
                .read(
                        "test",
                        "count",
                        c -> Sql.queryOne(c, "SELECT COUNT(*) FROM grouped", r -> r.longValue(1))
                                .orElseThrow());
    }
}
