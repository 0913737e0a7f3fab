package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.event.EventListener;
import dev.missive.jdbc.testing.SqliteBackend;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String name = "row" + i;
                results.add(pool.submit(() -> insert(committer, name)));
            }
            await().until(() -> committer.queued() == WRITERS);
            release.countDown();
            held.join();
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
            List<Future<String>> good = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String name = "row" + i;
                good.add(pool.submit(() -> insert(committer, name)));
            }
            CompletableFuture<String> duplicate = CompletableFuture.supplyAsync(() -> insert(committer, "taken"), pool);
            CompletableFuture<String> thrown = CompletableFuture.supplyAsync(
                    () -> committer.write("test", "throw", c -> {
                        Sql.update(c, "INSERT INTO grouped (name) VALUES (?)", "rolled-back");
                        throw new IllegalStateException("refused by the work");
                    }),
                    pool);
            await().until(() -> committer.queued() == WRITERS + 2);
            release.countDown();
            held.join();
            for (int i = 0; i < WRITERS; i++) {
                assertThat(good.get(i).get()).isEqualTo("row" + i);
            }
            assertThat(duplicate)
                    .failsWithin(Duration.ofSeconds(30))
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOf(StoreException.class);
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
            List<Future<String>> combined = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String name = "row" + i;
                combined.add(pool.submit(() -> committer.write("test", "insertAll", insertAll, name)));
            }
            Future<String> plain = pool.submit(() -> insert(committer, "plain"));
            await().until(() -> committer.queued() == WRITERS + 1);
            release.countDown();
            held.join();
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
            List<Future<String>> good = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String name = "row" + i;
                good.add(pool.submit(() -> committer.write("test", "insertAll", insertAll, name)));
            }
            CompletableFuture<String> duplicate =
                    CompletableFuture.supplyAsync(() -> committer.write("test", "insertAll", insertAll, "taken"), pool);
            await().until(() -> committer.queued() == WRITERS + 1);
            release.countDown();
            held.join();
            for (int i = 0; i < WRITERS; i++) {
                assertThat(good.get(i).get()).isEqualTo("stored row" + i);
            }
            assertThat(duplicate)
                    .failsWithin(Duration.ofSeconds(30))
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOf(StoreException.class);
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
        assertThat(late)
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(StoreException.class);
        assertThat(rows()).isZero();
    }

    @Test
    void aWriteFromInsideAWriteIsRefused() {
        CompletableFuture<String> nested =
                CompletableFuture.supplyAsync(() -> committer.write("test", "outer", c -> insert(committer, "inner")));
        assertThat(nested)
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(IllegalStateException.class);
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
