package dev.missive.bench.openmsg;

import dev.missive.bench.DriverOptions;
import dev.missive.bench.LoadStore;
import dev.missive.http.HttpPeerClient;
import dev.missive.http.openmsg.OkHttpPeerTransport;
import dev.missive.http.openmsg.OpenmsgHttpServer;
import dev.missive.jdbc.openmsg.JdbcOpenmsgStore;
import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * End-to-end Openmsg load over loopback HTTP: two nodes in this JVM, each behind its own
 * {@link OpenmsgHttpServer}, connected by a real handshake; then {@code --messages} sends, half in
 * each direction, from {@code --concurrency} virtual threads. Every send is the whole protocol step:
 * seal, store, POST message-receive, the recipient's nested message-confirm callback to the sender,
 * open, replay guard + inbox, SM_S888. Prints messages/s, latency percentiles of a send, CPU per
 * message of this JVM and (PostgreSQL) of the database, and database writes and commits per message.
 * Both nodes keep their state in the one store of {@code --store} (an SQLite file is emptied first;
 * give PostgreSQL a fresh {@code currentSchema} per run).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.missive.bench.openmsg.OpenmsgLoadDriver \
 *     [--messages 20000] [--concurrency 32] [--warmup 15000] [--store URL] [--tls true|false]
 * </pre>
 *
 * <p>The warm-up is long because the C2 compiler is still busy long after the first thousands of
 * messages: with 3,000, it took a third of the JVM's CPU of a whole run, and the measured part cost
 * twice the CPU per message that it costs once compiled.
 */
public final class OpenmsgLoadDriver {

    private OpenmsgLoadDriver() {}

    private static final String USAGE = "usage: OpenmsgLoadDriver [--messages N] [--concurrency C] [--warmup W] "
            + "[--store " + LoadStore.URL_FORMS + "] [--tls true|false]";

    private static final Set<String> OPTIONS = Set.of("messages", "concurrency", "warmup", "store", "tls");

    /** Runs the load; {@code --help} prints the usage, a bad argument prints it and exits with 2. */
    public static void main(String[] args) throws Exception {
        DriverOptions options = DriverOptions.parse("OpenmsgLoadDriver", USAGE, OPTIONS, args);
        int messages = options.count("messages", "20000", 1);
        int concurrency = options.count("concurrency", "32", 1);
        int warmup = options.count("warmup", "15000", 0);
        String flag = options.get("tls", "false");
        if (!flag.equals("true") && !flag.equals("false")) {
            options.refuse("--tls takes true or false, not " + flag);
        }
        boolean tls = Boolean.parseBoolean(flag);
        LoadStore store;
        try {
            store = LoadStore.open(options.get("store", "memory:"));
        } catch (IllegalArgumentException e) {
            options.refuse(e.getMessage());
            return;
        }

        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(store);
        try {
            Map<String, URI> bases = new ConcurrentHashMap<>();
            LoopbackTls certificates = tls ? new LoopbackTls() : null;
            HttpPeerClient.Builder client = HttpPeerClient.builder();
            if (certificates != null) {
                client.trust(
                        certificates.client().sslSocketFactory(),
                        certificates.client().trustManager());
            }
            OkHttpPeerTransport transport = new OkHttpPeerTransport(client.build());
            OpenmsgNode a = node("a.example", store(store), transport, certificates, bases, resources);
            OpenmsgNode b = node("b.example", store(store), transport, certificates, bases, resources);
            a.addUser("1000000", "Alice");
            b.addUser("2000000", "Bob");
            OpenmsgAddress alice = a.address("1000000");
            OpenmsgAddress bob = b.address("2000000");
            ConnectResult connected =
                    a.connect(alice, bob, b.issuePassCode("2000000").code());
            if (!connected.isConnected()) {
                throw new IllegalStateException("handshake failed: " + connected);
            }

            run(a, b, alice, bob, warmup, concurrency);
            long[] latencies = new long[messages];
            AtomicInteger failures = new AtomicInteger();
            LoadStore.CpuSample cpuBefore = store.cpu();
            var writesBefore = store.writeCounts();
            long started = System.nanoTime();
            runMeasured(a, b, alice, bob, messages, concurrency, latencies, failures);
            long elapsed = System.nanoTime() - started;
            LoadStore.CpuSample cpuAfter = store.cpu();

            int received = a.inbox("1000000").size() + b.inbox("2000000").size();
            Arrays.sort(latencies);
            double seconds = elapsed / 1e9;
            System.out.printf(
                    "openmsg end-to-end over loopback %s, store=%s, JDK %s, %d cores%n",
                    tls ? "HTTPS" : "HTTP",
                    store.url(),
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(
                    "messages=%d concurrency=%d warmup=%d failures=%d received(incl. warmup)=%d%n",
                    messages, concurrency, warmup, failures.get(), received);
            System.out.printf("elapsed=%.2f s  throughput=%.0f msg/s%n", seconds, messages / seconds);
            System.out.printf(
                    "latency ms: p50=%.2f p90=%.2f p99=%.2f max=%.2f%n",
                    percentile(latencies, 50),
                    percentile(latencies, 90),
                    percentile(latencies, 99),
                    latencies[latencies.length - 1] / 1e6);
            System.out.println(store.costLine(cpuBefore, cpuAfter, messages, writesBefore));
            if (failures.get() > 0 || received != messages + warmup) {
                System.exit(1);
            }
        } finally {
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).close();
            }
        }
    }

    private static OpenmsgNode node(
            String domain,
            OpenmsgStore store,
            OkHttpPeerTransport transport,
            LoopbackTls tls,
            Map<String, URI> bases,
            List<AutoCloseable> resources)
            throws IOException {
        OpenmsgNode node = OpenmsgNode.builder()
                .domain(domain)
                .store(store)
                .transport(transport)
                .locator(bases::get)
                .clock(Clock.system())
                .random(RandomSource.secure())
                .build();
        OpenmsgHttpServer.Builder builder = OpenmsgHttpServer.builder(node).backlog(1024);
        if (tls != null) {
            builder.https(tls.server().sslContext());
        }
        OpenmsgHttpServer server = builder.start();
        resources.add(server);
        String scheme = tls != null ? "https" : "http";
        bases.put(domain, URI.create(scheme + "://127.0.0.1:" + server.port() + "/openmsg/"));
        return node;
    }

    private static OpenmsgStore store(LoadStore store) {
        return store.database().<OpenmsgStore>map(JdbcOpenmsgStore::new).orElseGet(InMemoryOpenmsgStore::new);
    }

    private static void run(
            OpenmsgNode a, OpenmsgNode b, OpenmsgAddress alice, OpenmsgAddress bob, int count, int concurrency)
            throws InterruptedException {
        runMeasured(a, b, alice, bob, count, concurrency, new long[count], new AtomicInteger());
    }

    private static void runMeasured(
            OpenmsgNode a,
            OpenmsgNode b,
            OpenmsgAddress alice,
            OpenmsgAddress bob,
            int count,
            int concurrency,
            long[] latencies,
            AtomicInteger failures)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int worker = 0; worker < concurrency; worker++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        boolean forward = (i & 1) == 0;
                        long start = System.nanoTime();
                        SendResult result = forward
                                ? a.send(alice, bob, "message " + i + " from Alice")
                                : b.send(bob, alice, "message " + i + " from Bob");
                        latencies[i] = System.nanoTime() - start;
                        if (!result.isSent()) {
                            if (failures.incrementAndGet() <= 5) {
                                System.err.println("send failed: " + result);
                            }
                        }
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("load run did not finish in 10 minutes");
            }
        }
    }

    /** A throw-away CA and a certificate for 127.0.0.1, for HTTPS on loopback. */
    private static final class LoopbackTls {
        private final HandshakeCertificates server;
        private final HandshakeCertificates client;

        LoopbackTls() {
            HeldCertificate root =
                    new HeldCertificate.Builder().certificateAuthority(0).build();
            HeldCertificate leaf = new HeldCertificate.Builder()
                    .signedBy(root)
                    .addSubjectAlternativeName("127.0.0.1")
                    .build();
            server = new HandshakeCertificates.Builder()
                    .heldCertificate(leaf, root.certificate())
                    .build();
            client = new HandshakeCertificates.Builder()
                    .addTrustedCertificate(root.certificate())
                    .build();
        }

        HandshakeCertificates server() {
            return server;
        }

        HandshakeCertificates client() {
            return client;
        }
    }

    private static double percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
