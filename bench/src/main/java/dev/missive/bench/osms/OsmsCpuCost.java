package dev.missive.bench.osms;

import dev.missive.bench.LoadStore;
import dev.missive.jdbc.Database;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Optional;

/**
 * OSMS costs compared within one run, so that a machine shared with other work still gives
 * meaningful ratios:
 *
 * <ul>
 *   <li><b>login vs raw AKE</b> in <em>thread CPU time</em>: one whole login and logout through an
 *       in-process server on memory stores (client and server engines on this thread) against
 *       otr4j's raw AKE between two in-memory conversations (both sides on this thread);</li>
 *   <li><b>relayed texts, memory vs SQLite</b> in wall time (SQLite's cost is waiting for its
 *       commits, not CPU): one text Alice to Bob ({@link OsmsWorld#relay}) through a server on
 *       memory stores and through one on an SQLite file ({@code synchronous=FULL}), with the
 *       store transactions per text counted;</li>
 *   <li>logins in wall time on both stores.</li>
 * </ul>
 *
 * Rounds alternate between the candidates and each reports its best round, so both see the same
 * background load.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.missive.bench.osms.OsmsCpuCost [LOGINS] [RELAYS] [ROUNDS] [SQLITE_FILE]</pre>
 */
public final class OsmsCpuCost {

    private OsmsCpuCost() {}

    /** One measured operation. */
    @FunctionalInterface
    private interface Op {
        void run() throws Exception;
    }

    /**
     * Runs the measurement and prints its lines.
     *
     * @param args logins and relayed texts per round, rounds, and the SQLite file to (re)create
     * @throws Exception if the set-up or an operation fails
     */
    public static void main(String[] args) throws Exception {
        int logins = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int relays = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String file = args.length > 3 ? args[3] : "/tmp/osms-cpu-cost.db";
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (LoadStore sqlite = LoadStore.open("sqlite:" + file)) {
            Database db = sqlite.database().orElseThrow();
            OsmsWorld memory = new OsmsWorld(Optional.empty());
            OsmsWorld onSqlite = new OsmsWorld(Optional.of(db));
            Op login = memory::login;
            Op rawAke = () -> OsmsWorld.rawAke(memory.otr, memory.aliceKey, memory.serverKey);
            Op sqliteLogin = onSqlite::login;
            Op relayMemory = memory::relay;
            Op relaySqlite = onSqlite::relay;

            // Warm-up: every operation, unmeasured.
            for (Op op : new Op[] {login, rawAke, sqliteLogin}) {
                cpu(threads, op, Math.max(1, logins / 2));
            }
            for (Op op : new Op[] {relayMemory, relaySqlite}) {
                cpu(threads, op, Math.max(1, relays / 2));
            }

            double loginCpu = Double.MAX_VALUE;
            double akeCpu = Double.MAX_VALUE;
            double loginWallMemory = Double.MAX_VALUE;
            double loginWallSqlite = Double.MAX_VALUE;
            double relayWallMemory = Double.MAX_VALUE;
            double relayWallSqlite = Double.MAX_VALUE;
            double relayCpuMemory = Double.MAX_VALUE;
            long units = 0;
            long commits = 0;
            long relayed = 0;
            for (int r = 0; r < rounds; r++) {
                double[] l = both(threads, login, logins);
                loginCpu = Math.min(loginCpu, l[0]);
                loginWallMemory = Math.min(loginWallMemory, l[1]);
                akeCpu = Math.min(akeCpu, cpu(threads, rawAke, logins));
                loginWallSqlite = Math.min(loginWallSqlite, both(threads, sqliteLogin, logins)[1]);
                double[] m = both(threads, relayMemory, relays);
                relayCpuMemory = Math.min(relayCpuMemory, m[0]);
                relayWallMemory = Math.min(relayWallMemory, m[1]);
                Database.WriteCounts before = db.writeCounts();
                relayWallSqlite = Math.min(relayWallSqlite, both(threads, relaySqlite, relays)[1]);
                Database.WriteCounts after = db.writeCounts();
                units += after.units() - before.units();
                commits += after.commits() - before.commits();
                relayed += relays;
            }
            System.out.printf(
                    "login (memory, in process): %.0f us thread CPU = %.2f raw AKEs; raw otr4j AKE: %.0f us thread CPU"
                            + " (per core: %.1f logins/s, %.1f raw AKEs/s; login rate = %.0f%% of raw AKE rate)%n",
                    loginCpu, loginCpu / akeCpu, akeCpu, 1e6 / loginCpu, 1e6 / akeCpu, 100 * akeCpu / loginCpu);
            System.out.printf(
                    "login wall time: memory %.0f us (%.1f/s), SQLite %.0f us (%.1f/s): SQLite = %.0f%% of memory%n",
                    loginWallMemory,
                    1e6 / loginWallMemory,
                    loginWallSqlite,
                    1e6 / loginWallSqlite,
                    100 * loginWallMemory / loginWallSqlite);
            System.out.printf(
                    "relay wall time: memory %.0f us (%.1f texts/s; %.0f us thread CPU), SQLite %.0f us (%.1f texts/s):"
                            + " SQLite = %.0f%% of memory; SQLite writes per text: %.2f units in %.2f commits%n",
                    relayWallMemory,
                    1e6 / relayWallMemory,
                    relayCpuMemory,
                    relayWallSqlite,
                    1e6 / relayWallSqlite,
                    100 * relayWallMemory / relayWallSqlite,
                    units / (double) relayed,
                    commits / (double) relayed);
            System.out.printf("(best of %d rounds x %d logins, %d texts)%n", rounds, logins, relays);
        }
        System.exit(0);
    }

    /** Thread CPU microseconds per operation. */
    private static double cpu(ThreadMXBean threads, Op op, int count) throws Exception {
        return both(threads, op, count)[0];
    }

    /** Thread CPU and wall microseconds per operation. */
    private static double[] both(ThreadMXBean threads, Op op, int count) throws Exception {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        for (int i = 0; i < count; i++) {
            op.run();
        }
        long wall = System.nanoTime() - wallStart;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        return new double[] {cpu / 1e3 / count, wall / 1e3 / count};
    }
}
