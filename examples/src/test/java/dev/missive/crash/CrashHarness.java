package dev.missive.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.Dialect;
import dev.missive.jdbc.StoreUrl;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;

/**
 * Runs a node in a separate JVM under a {@link CrashWorkload}, kills it with SIGKILL at random points
 * while traffic is in flight, restarts it on the same store, and has the workload check what survived.
 *
 * <p>A kill lands after a random number (seeded) of further acknowledged operations, with more in
 * flight. The seed is printed; {@code -Dmissive.crash.seed=S} replays the same kill points (the
 * operations in flight at each kill still depend on scheduling). {@code -Dmissive.crash.kills=N} sets
 * the kills per workload and store for a longer soak.
 */
final class CrashHarness {

    /** Kills per workload and store in the normal build: 5 workloads on 2 stores give 50 kills. */
    static final int DEFAULT_KILLS = 5;

    /** At most this many acknowledged operations between a restart and the next kill. */
    private static final int MAX_OPERATIONS_BETWEEN_KILLS = 40;

    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(60);

    private final int kills;
    private final long seed;
    private final Path logs;

    private CrashHarness(int kills, long seed, Path logs) {
        this.kills = kills;
        this.seed = seed;
        this.logs = logs;
    }

    /** A harness with the kill count and seed from the system properties (a fresh seed by default). */
    static CrashHarness fromSystemProperties(Path logs) {
        int kills = Integer.getInteger("missive.crash.kills", DEFAULT_KILLS);
        if (kills < 1) {
            throw new IllegalArgumentException("missive.crash.kills must be at least 1");
        }
        String seed = System.getProperty("missive.crash.seed");
        return new CrashHarness(kills, seed == null ? new Random().nextLong() : Long.parseLong(seed), logs);
    }

    /**
     * Runs the workload on {@code store} through {@link #kills} kills and restarts, then verifies.
     *
     * @return the number of kills done
     */
    int run(CrashWorkload workload, String store) throws Exception {
        String label =
                workload.name() + " on " + (StoreUrl.parse(store) instanceof StoreUrl.Sqlite ? "SQLite" : "PostgreSQL");
        System.out.println("crash harness: " + label + ", " + kills + " kills, seed " + seed
                + " (replay: -Dmissive.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        NodeProcess node = NodeProcess.start(workload.nodeArguments(store), logs, workload.name() + "-0");
        try {
            workload.prepare(node.address(), store);
            for (int kill = 1; kill <= kills; kill++) {
                workload.startTraffic(node.address());
                int target = workload.acknowledged() + 1 + random.nextInt(MAX_OPERATIONS_BETWEEN_KILLS);
                NodeProcess running = node;
                await().atMost(PROGRESS_TIMEOUT).until(() -> workload.acknowledged() >= target || !running.isAlive());
                assertThat(node.isAlive())
                        .as("%s: node died before kill %d; stderr:%n%s", label, kill, node.stderr())
                        .isTrue();
                node.kill();
                workload.stopTraffic();
                checkStoreOpens(store);
                workload.checkStore(store);
                node = NodeProcess.start(workload.nodeArguments(store), logs, workload.name() + "-" + kill);
            }
            workload.verify(node.address(), store);
        } catch (Throwable failure) {
            throw new AssertionError(label + " failed; seed " + seed + "; node stderr:\n" + node.stderr(), failure);
        } finally {
            node.stop();
            workload.close();
        }
        System.out.println("crash harness: " + label + " passed, " + workload.acknowledged() + " acknowledged");
        return kills;
    }

    /** The store opens after a kill; an SQLite file also passes its own integrity check. */
    private static void checkStoreOpens(String store) throws Exception {
        try (Database database = Database.open(store);
                Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            if (database.dialect() == Dialect.SQLITE) {
                try (ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getString(1))
                            .as("SQLite integrity check after a kill")
                            .isEqualTo("ok");
                }
            } else {
                try (ResultSet result = statement.executeQuery("SELECT 1")) {
                    assertThat(result.next()).isTrue();
                }
            }
        }
    }
}
