package dev.missive.bench.mesh;

import dev.missive.bench.DriverOptions;
import dev.missive.bench.LoadStore;
import dev.missive.bench.ScratchDirectory;
import dev.missive.http.mesh.MeshHttpServer;
import dev.missive.mesh.client.MeshKeys;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.mesh.wire.MeshJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * Packets accepted per second by one mesh server over loopback HTTP ({@code POST /send}, 32 virtual
 * threads, keep-alive), on {@code memory:} or SQLite; and, in the same run, the raw cost of what the
 * server does to each: SHA-256 over the packet's fields and parsing its JSON.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.missive.bench.mesh.MeshSendBench \
 *     [--packets 20000] [--store memory:|sqlite|URL]
 * </pre>
 */
public final class MeshSendBench {

    private static final String USAGE =
            "usage: MeshSendBench [--packets N] [--store " + MeshBenchServers.STORE_FORMS + "]";

    private MeshSendBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args {@code --packets N --store memory:|sqlite}
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        DriverOptions options = DriverOptions.parse("MeshSendBench", USAGE, Set.of("packets", "store"), args);
        int count = options.count("packets", "20000", 1);
        String store = MeshBenchServers.store(options);
        String recipient = MeshKeys.publicKeyText(MeshBenchServers.key());
        try (ScratchDirectory scratch = ScratchDirectory.create("mesh-send-bench");
                MeshHttpServer server =
                        MeshBenchServers.start(store, scratch.path(), "send", MeshBenchServers.key(), 1000)) {
            List<MeshPacket> warmup = MeshBenchServers.packets(recipient, Math.max(1000, count / 10), 256);
            MeshSyncBench.send(server, warmup);
            List<MeshPacket> packets = MeshBenchServers.packets(recipient, count, 256);

            LoadStore.CpuSample cpuBefore = LoadStore.CpuSample.now(LoadStore.isPostgres(store));
            long start = System.nanoTime();
            long bytes = MeshSyncBench.send(server, packets);
            double seconds = (System.nanoTime() - start) / 1e9;
            LoadStore.CpuSample cpuAfter = LoadStore.CpuSample.now(cpuBefore.withPostgres());

            double hashMicros = rawHash(packets);
            double parseMicros = rawParse(packets);
            System.out.printf(
                    "mesh send: %d packets (%.0f bytes each), store %s: %.0f packets/s over HTTP;"
                            + " raw per packet: SHA-256 of the fields %.1f us, JSON parse %.1f us,"
                            + " hash recompute as the server does it %.1f us%n",
                    count, (double) bytes / count, store, count / seconds, hashMicros, parseMicros, recompute(packets));
            System.out.println(cpuAfter.perMessageSince(cpuBefore, count));
        }
    }

    private static double rawHash(List<MeshPacket> packets) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long start = System.nanoTime();
        long sink = 0;
        for (MeshPacket p : packets) {
            sha256.update(p.recipient().getBytes(StandardCharsets.US_ASCII));
            sha256.update(p.message().getBytes(StandardCharsets.US_ASCII));
            sink += sha256.digest(p.signature().getBytes(StandardCharsets.US_ASCII))[0];
        }
        return micros(start, packets.size(), sink);
    }

    private static double rawParse(List<MeshPacket> packets) throws Exception {
        List<byte[]> bodies = packets.stream().map(MeshJson::encodePacket).toList();
        long start = System.nanoTime();
        long sink = 0;
        for (byte[] body : bodies) {
            sink += MeshJson.decodePacket(body, 64 * 1024).message().length();
        }
        return micros(start, bodies.size(), sink);
    }

    private static double recompute(List<MeshPacket> packets) {
        long start = System.nanoTime();
        long sink = 0;
        for (MeshPacket p : packets) {
            sink += MeshCrypto.packetHash(p.recipient(), p.message(), p.signature())
                    .hex()
                    .charAt(0);
        }
        return micros(start, packets.size(), sink);
    }

    private static double micros(long start, int count, long sink) {
        double perItem = (System.nanoTime() - start) / 1e3 / count;
        // Keeps the loop's result alive so the JIT cannot drop it.
        return sink == Long.MIN_VALUE ? -perItem : perItem;
    }
}
