package dev.missive.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.BooleanSupplier;

/**
 * The {@link EmsgServerCpuBenchmark} operations timed in <em>thread CPU time</em>, so the rate "engine
 * verify + route / raw Ed25519 verify" stays meaningful on a machine shared with other work.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.missive.bench.EmsgServerCpuCost [OPS_PER_ROUND] [ROUNDS]</pre>
 */
public final class EmsgServerCpuCost {

    /**
     * Untimed rounds first: with one round the measured rounds still ran partly before the JIT had
     * compiled the engine's path, which made up much of an apparent 35 µs gap on a loaded machine.
     */
    private static final int WARMUP_ROUNDS = 10;

    private EmsgServerCpuCost() {}

    /**
     * Runs the measurement and prints one line.
     *
     * @param args operations per round and rounds
     * @throws Exception if the set-up fails
     */
    public static void main(String[] args) throws Exception {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        EmsgServerCpuBenchmark b = new EmsgServerCpuBenchmark();
        // Enough distinct messages for the warm-up and every round: a repeated id would be cheaper (409).
        b.pool = ops * (rounds + WARMUP_ROUNDS);
        b.bodySize = 256;
        b.setUp();
        BooleanSupplier message = () -> b.verifyAndRoute().startsWith("{\"type\":\"ack\"");
        BooleanSupplier floor = b::rawEd25519Verify;
        for (int w = 0; w < WARMUP_ROUNDS; w++) {
            measure(threads, message, ops);
            measure(threads, floor, ops);
        }
        double bestMessage = Double.MAX_VALUE;
        double bestFloor = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            bestMessage = Math.min(bestMessage, measure(threads, message, ops));
            bestFloor = Math.min(bestFloor, measure(threads, floor, ops));
        }
        System.out.printf(
                "engine_verify_route=%.1f us (%.0f msg/s) raw_ed25519_verify=%.1f us (%.0f/s) rate_ratio=%.0f%% "
                        + "(best of %d rounds x %d ops after %d untimed, thread CPU time)%n",
                bestMessage,
                1e6 / bestMessage,
                bestFloor,
                1e6 / bestFloor,
                100 * bestFloor / bestMessage,
                rounds,
                ops,
                WARMUP_ROUNDS);
    }

    private static double measure(ThreadMXBean threads, BooleanSupplier op, int ops) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            if (!op.getAsBoolean()) {
                throw new IllegalStateException("operation failed");
            }
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e3 / ops;
    }
}
