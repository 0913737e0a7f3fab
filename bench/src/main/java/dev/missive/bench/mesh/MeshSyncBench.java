package dev.missive.bench.mesh;

import dev.missive.bench.DriverOptions;
import dev.missive.bench.ScratchDirectory;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.http.HttpPeerClient;
import dev.missive.http.mesh.MeshHttpServer;
import dev.missive.http.mesh.MeshPeerSync;
import dev.missive.mesh.client.MeshKeys;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.wire.MeshJson;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sync of {@code --packets} packets between two mesh servers on loopback HTTP: A holds them (sent to
 * it over HTTP first, not timed), B holds none; B's sync rounds with A are timed until B holds every
 * one. Prints the time, the HTTP calls and the request and response body bytes per packet (headers
 * not counted), next to the packet's own JSON size.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.missive.bench.mesh.MeshSyncBench \
 *     [--packets 100000] [--store memory:|sqlite|URL] [--page 1000]
 * </pre>
 */
public final class MeshSyncBench {

    private static final String USAGE =
            "usage: MeshSyncBench [--packets N] [--store " + MeshBenchServers.STORE_FORMS + "] [--page P]";

    private MeshSyncBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args {@code --packets N --store memory:|sqlite|URL --page P}
     * @throws Exception if a server cannot start
     */
    public static void main(String[] args) throws Exception {
        DriverOptions options = DriverOptions.parse("MeshSyncBench", USAGE, Set.of("packets", "store", "page"), args);
        int packets = options.count("packets", "100000", 1);
        String store = MeshBenchServers.store(options);
        int page = options.count("page", "1000", 1);
        RsaPrivateKey recipient = MeshBenchServers.key();
        try (ScratchDirectory scratch = ScratchDirectory.create("mesh-sync-bench");
                MeshHttpServer a = MeshBenchServers.start(store, scratch.path(), "a", MeshBenchServers.key(), page);
                MeshHttpServer b = MeshBenchServers.start(store, scratch.path(), "b", MeshBenchServers.key(), page)) {
            List<MeshPacket> all = MeshBenchServers.packets(MeshKeys.publicKeyText(recipient), packets, 256);
            long packetBytes = send(a, all);
            b.engine().addPeer(a.engine().origin());
            a.engine().addPeer(b.engine().origin());

            long start = System.nanoTime();
            MeshPeerSync.RoundSummary total = MeshPeerSync.RoundSummary.EMPTY;
            int rounds = 0;
            while (countAt(b) < packets) {
                total = total.plus(b.syncNow());
                rounds++;
                if (rounds > 50) {
                    throw new IllegalStateException("B holds only " + countAt(b) + " after 50 rounds");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long wire = total.bytesSent() + total.bytesReceived();
            System.out.printf(
                    "mesh sync: %d packets, store %s, page %d: %.1f s (%.0f packets/s), %d rounds, %d HTTP calls,"
                            + " %d bytes sent + %d received = %.0f bytes/packet (packet JSON %.0f bytes)%n",
                    packets,
                    store,
                    page,
                    seconds,
                    packets / seconds,
                    rounds,
                    total.calls(),
                    total.bytesSent(),
                    total.bytesReceived(),
                    (double) wire / packets,
                    (double) packetBytes / packets);
        }
    }

    /** Sends every packet to {@code server} over HTTP from 32 virtual threads; returns their JSON bytes. */
    static long send(MeshHttpServer server, List<MeshPacket> packets) throws Exception {
        HttpPeerClient http = HttpPeerClient.create();
        URI send = URI.create(server.engine().origin() + "/send");
        AtomicLong bytes = new AtomicLong();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            int lanes = 32;
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int lane = 0; lane < lanes; lane++) {
                int first = lane;
                done.add(threads.submit(() -> {
                    for (int i = first; i < packets.size(); i += lanes) {
                        byte[] body = MeshJson.encodePacket(packets.get(i));
                        bytes.addAndGet(body.length);
                        HttpPeerClient.Answer answer = http.post(send, body);
                        if (answer.status() != 200) {
                            throw new IllegalStateException("send refused: " + new String(answer.body()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> lane : done) {
                lane.get();
            }
        }
        return bytes.get();
    }

    private static long countAt(MeshHttpServer server) throws Exception {
        HttpPeerClient.Answer status =
                HttpPeerClient.create().get(URI.create(server.engine().origin() + "/status"));
        String json = new String(status.body(), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher packets =
                java.util.regex.Pattern.compile("\"packets\"\\s*:\\s*(\\d+)").matcher(json);
        if (!packets.find()) {
            throw new IllegalStateException("no packet count in " + json);
        }
        return Long.parseLong(packets.group(1));
    }
}
