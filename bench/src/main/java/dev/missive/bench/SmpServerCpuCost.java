package dev.missive.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.BooleanSupplier;

/**
 * The {@link SmpServerCpuBenchmark} operations timed in <em>thread CPU time</em> instead of wall
 * time, so the ratio "engine per message / its signature verifications" stays meaningful on a
 * machine shared with other work (wall-clock JMH scores there mostly measure waiting for a core).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.missive.bench.SmpServerCpuCost [OPS_PER_ROUND] [ROUNDS]</pre>
 */
public final class SmpServerCpuCost {

    private SmpServerCpuCost() {}

    public static void main(String[] args) {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String keys : new String[] {"ed25519", "rsa2048"}) {
            SmpServerCpuBenchmark b = new SmpServerCpuBenchmark();
            b.keys = keys;
            b.bodySize = 256;
            b.setUp();
            BooleanSupplier message = () -> b.sendDeliverAck() >= 0;
            BooleanSupplier floor = b::verificationsOnly;
            // Warm-up: JIT both paths.
            measure(threads, message, ops);
            measure(threads, floor, ops);
            double bestMessage = Double.MAX_VALUE;
            double bestFloor = Double.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                bestMessage = Math.min(bestMessage, measure(threads, message, ops));
                bestFloor = Math.min(bestFloor, measure(threads, floor, ops));
            }
            System.out.printf(
                    "keys=%s server_cpu_per_message=%.1f us verifications_per_message=%.1f us ratio=%.2f "
                            + "(best of %d rounds x %d ops, thread CPU time)%n",
                    keys, bestMessage, bestFloor, bestMessage / bestFloor, rounds, ops);
        }
    }

    /** Microseconds of this thread's CPU per call of {@code op}. */
    private static double measure(ThreadMXBean threads, BooleanSupplier op, int ops) {
        boolean sink = false;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            sink ^= op.getAsBoolean();
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        if (sink && ops < 0) {
            throw new AssertionError();
        }
        return cpu / 1e3 / ops;
    }
}
