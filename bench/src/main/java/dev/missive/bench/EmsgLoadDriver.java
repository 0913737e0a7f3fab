package dev.missive.bench;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.emsg.EmsgConfig;
import dev.missive.emsg.EmsgServer;
import dev.missive.emsg.client.EmsgClient;
import dev.missive.emsg.memory.InMemoryAccountStore;
import dev.missive.emsg.memory.InMemoryGroupStore;
import dev.missive.emsg.memory.InMemoryInboxStore;
import dev.missive.emsg.memory.InMemoryOutboxStore;
import dev.missive.emsg.memory.InMemoryProfileStore;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.spi.InboxEntry;
import dev.missive.emsg.spi.InboxStore;
import dev.missive.emsg.spi.SeenMark;
import dev.missive.emsg.spi.ServerEndpoint;
import dev.missive.emsg.spi.StoredInboxEntry;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.jdbc.StoreUrl;
import dev.missive.jdbc.emsg.JdbcAccountStore;
import dev.missive.jdbc.emsg.JdbcGroupStore;
import dev.missive.jdbc.emsg.JdbcInboxStore;
import dev.missive.jdbc.emsg.JdbcOutboxStore;
import dev.missive.jdbc.emsg.JdbcProfileStore;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.spi.ReplayGuardStore;
import dev.missive.tcp.LineClient;
import dev.missive.tcp.emsg.DeliveryTrigger;
import dev.missive.tcp.emsg.EmsgPeers;
import dev.missive.tcp.emsg.EmsgTcpClient;
import dev.missive.tcp.emsg.EmsgTcpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load driver for EMSG federation over loopback TCP (not JMH: whole-system measurements).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.missive.bench.EmsgLoadDriver throughput SENDERS SECONDS [--store memory:|sqlite:DIR|jdbc:postgresql://...]
 * java -cp bench/target/benchmarks.jar dev.missive.bench.EmsgLoadDriver server SECONDS
 * java -cp bench/target/benchmarks.jar dev.missive.bench.EmsgLoadDriver idle-clients PORT COUNT HOLD_SECONDS
 * </pre>
 *
 * {@code throughput} starts two federating servers in this JVM ({@code a.test}, {@code b.test}, each on
 * its own store ({@link LoadStore#nodeUrl}: in memory, SQLite files {@code DIR/a.test.db} and
 * {@code DIR/b.test.db}, emptied first, or PostgreSQL schemas {@code S_a_test} and {@code S_b_test}),
 * then SENDERS users of {@code a.test}, each on its own connection, send signed chat messages to
 * users of {@code b.test} as fast as their home server acknowledges them, while fewer than 32 per
 * sender (one shared window) are accepted but not yet in a remote inbox (so the run measures the rate the federation
 * sustains, not how fast an unbounded outbox grows): 20 s unmeasured (the durable stores' code
 * paths are still being compiled after 5 s), then SECONDS measured. It prints messages delivered
 * into the remote inboxes per second and the end-to-end latency (client send to the remote inbox's commit) at p50 and p99. {@code server} runs one server on
 * memory stores for SECONDS and prints {@code listening on 127.0.0.1:PORT}. {@code idle-clients} opens COUNT
 * ESMP connections to a server in another process, each saying {@code hello} and reading the answer,
 * and holds them HOLD_SECONDS (read the server's heap with {@code jcmd} meanwhile). Only 127.0.0.1 is
 * contacted; every loop is bounded by a count or a duration.
 */
public final class EmsgLoadDriver {

    /** Long enough for the JIT on the durable stores, whose slower paths reach its thresholds later. */
    private static final int WARMUP_SECONDS = 20;

    /** Messages accepted by the home server but not yet in a remote inbox, per sender (one shared window). */
    private static final int WINDOW_PER_SENDER = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String USAGE = """
            usage: EmsgLoadDriver throughput SENDERS SECONDS [--store memory:|sqlite:DIR|jdbc:postgresql://...]
                   EmsgLoadDriver server SECONDS
                   EmsgLoadDriver idle-clients PORT COUNT HOLD_SECONDS""";

    private EmsgLoadDriver() {}

    /**
     * Runs one measurement.
     *
     * @param args see the class comment
     * @throws Exception if the measurement fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || Arrays.asList(args).contains("--help")) {
            (args.length == 0 ? System.err : System.out).println(USAGE);
            if (args.length == 0) {
                System.exit(2);
            }
            return;
        }
        try {
            switch (args[0]) {
                case "throughput" -> {
                    if (args.length != 3 && !(args.length == 5 && args[3].equals("--store"))) {
                        throw new IllegalArgumentException("throughput takes 2 arguments and an optional --store");
                    }
                    String store = args.length == 5 ? args[4] : "memory:";
                    StoreUrl.parse(store); // a bad URL is a usage error, before anything starts
                    throughput(Integer.parseInt(args[1]), Integer.parseInt(args[2]), store);
                }
                case "server" -> {
                    if (args.length != 2) {
                        throw new IllegalArgumentException("server takes 1 argument");
                    }
                    server(Integer.parseInt(args[1]));
                }
                case "idle-clients" -> {
                    if (args.length != 4) {
                        throw new IllegalArgumentException("idle-clients takes 3 arguments");
                    }
                    idleClients(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                }
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("EmsgLoadDriver: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    /** Records when each message reached the remote inbox, by id. */
    private static final class TimedInbox implements InboxStore {
        final InboxStore delegate;
        final Map<String, Long> sentAt;
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final AtomicLong delivered = new AtomicLong();
        final Semaphore inFlight;
        volatile boolean measuring;

        TimedInbox(InboxStore delegate, Map<String, Long> sentAt, Semaphore inFlight) {
            this.delegate = delegate;
            this.sentAt = sentAt;
            this.inFlight = inFlight;
        }

        /** Counts a message that reached the inbox and lets its sender send another. */
        private void arrived(String messageId, boolean added) {
            Long sent = sentAt.remove(messageId);
            if (sent == null) {
                return;
            }
            inFlight.release();
            if (added && measuring) {
                delivered.incrementAndGet();
                latencies.add(System.nanoTime() - sent);
            }
        }

        @Override
        public boolean append(InboxEntry entry) {
            boolean added = delegate.append(entry);
            arrived(entry.messageId(), added);
            return added;
        }

        /** Delegated as a whole: the SQLite store's one-unit path must be the one measured. */
        @Override
        public OptionalInt appendAll(List<InboxEntry> entries, ReplayGuardStore guard, SeenMark seen) {
            OptionalInt added = delegate.appendAll(entries, guard, seen);
            for (InboxEntry entry : entries) {
                arrived(entry.messageId(), added.orElse(0) > 0);
            }
            return added;
        }

        @Override
        public List<StoredInboxEntry> list(EmsgAddress owner, long afterSequence, int limit) {
            return delegate.list(owner, afterSequence, limit);
        }

        @Override
        public int deleteReceivedBefore(Instant cutoff) {
            return delegate.deleteReceivedBefore(cutoff);
        }
    }

    private record Node(EmsgTcpServer tcp, EmsgPeers peers, Database database, TimedInbox timed)
            implements AutoCloseable {
        @Override
        public void close() {
            tcp.close();
            peers.close();
            if (database != null) {
                database.close();
            }
        }
    }

    /**
     * A server; with {@code sentAt}, its inbox records the delivery latency of those messages and
     * releases a permit of {@code inFlight} for each.
     */
    private static Node node(
            String domain, String store, Map<String, Integer> ports, Map<String, Long> sentAt, Semaphore inFlight)
            throws Exception {
        Database database = null;
        EmsgServer.Builder builder = EmsgServer.builder();
        InboxStore inbox;
        if (!store.equals("memory:")) {
            database =
                    LoadStore.open(LoadStore.nodeUrl(store, domain)).database().orElseThrow();
            builder.accountStore(new JdbcAccountStore(database))
                    .groupStore(new JdbcGroupStore(database))
                    .profileStore(new JdbcProfileStore(database))
                    .outboxStore(new JdbcOutboxStore(database))
                    .replayGuardStore(new JdbcReplayGuardStore(database));
            inbox = new JdbcInboxStore(database);
        } else {
            builder.accountStore(new InMemoryAccountStore())
                    .groupStore(new InMemoryGroupStore())
                    .profileStore(new InMemoryProfileStore())
                    .outboxStore(new InMemoryOutboxStore())
                    .replayGuardStore(new InMemoryReplayGuardStore());
            inbox = new InMemoryInboxStore();
        }
        TimedInbox timed = sentAt == null ? null : new TimedInbox(inbox, sentAt, inFlight);
        EmsgPeers peers = new EmsgPeers(
                d -> ports.containsKey(d) ? List.of(new ServerEndpoint("127.0.0.1", ports.get(d))) : List.of(),
                LineClient.Options.DEFAULTS);
        DeliveryTrigger trigger = new DeliveryTrigger();
        EmsgServer engine = builder.inboxStore(timed != null ? timed : inbox)
                .domain(domain)
                .domainKey(EmsgSigningKey.ed25519("d1", Ed25519PrivateKey.generate(RANDOM)))
                .transport(peers)
                .clock(Clock.system())
                .random(RandomSource.secure())
                .config(EmsgConfig.DEFAULTS.withRegistrationOpen(true).withRateLimits(10_000_000, 10_000_000))
                .eventListener(trigger)
                .build();
        peers.bind(engine);
        EmsgTcpServer tcp = EmsgTcpServer.builder(engine)
                .port(0)
                .maxConnections(100_000)
                .federation(peers, Duration.ofMillis(100), trigger)
                .start();
        ports.put(domain, tcp.address().getPort());
        return new Node(tcp, peers, database, timed);
    }

    /** Both servers' write counters summed ({@code 0, 0} on memory). */
    private static Database.WriteCounts writeCounts(Node a, Node b) {
        long units = 0;
        long commits = 0;
        for (Node node : List.of(a, b)) {
            if (node.database() != null) {
                Database.WriteCounts counts = node.database().writeCounts();
                units += counts.units();
                commits += counts.commits();
            }
        }
        return new Database.WriteCounts(units, commits);
    }

    private static EmsgTcpClient register(InetSocketAddress server, String address) throws Exception {
        EmsgSigningKey key = EmsgSigningKey.ed25519("k1", Ed25519PrivateKey.generate(RANDOM));
        EmsgClient client = new EmsgClient(EmsgAddress.parse(address), key, Clock.system(), RandomSource.secure());
        return EmsgTcpClient.connect(server, client, LineClient.Options.DEFAULTS, true);
    }

    private static void throughput(int senders, int seconds, String store) throws Exception {
        Map<String, Integer> ports = new ConcurrentHashMap<>();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(senders * WINDOW_PER_SENDER);
        try (Node a = node("a.test", store, ports, null, null);
                Node b = node("b.test", store, ports, sentAt, inFlight)) {
            TimedInbox timed = b.timed();
            List<EmsgTcpClient> clients = new ArrayList<>();
            List<EmsgAddress> recipients = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                clients.add(register(a.tcp().address(), "s" + i + "#a.test"));
                EmsgTcpClient recipient = register(b.tcp().address(), "r" + i + "#b.test");
                recipients.add(recipient.client().address());
                recipient.close();
            }
            long start = System.nanoTime();
            long warmEnd = start + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
            long end = warmEnd + TimeUnit.SECONDS.toNanos(seconds);
            AtomicLong acknowledged = new AtomicLong();
            AtomicReference<Exception> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                EmsgTcpClient client = clients.get(i);
                EmsgAddress to = recipients.get(i);
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            if (!inFlight.tryAcquire(end - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                                break;
                            }
                            EmsgClient.Outgoing message = client.client().chat(to, "load");
                            sentAt.put(message.id(), System.nanoTime());
                            client.send(message);
                            acknowledged.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(warmEnd - System.nanoTime())));
            boolean postgres = LoadStore.isPostgres(store);
            LoadStore.CpuSample cpuBefore = LoadStore.CpuSample.now(postgres);
            Database.WriteCounts writesBefore = writeCounts(a, b);
            timed.measuring = true;
            long measuredFrom = System.nanoTime();
            for (Thread thread : threads) {
                thread.join();
            }
            if (failure.get() != null) {
                // A sender that stopped early leaves a measurement of fewer senders: no result.
                throw new IllegalStateException("a sender failed", failure.get());
            }
            long measuredNanos = System.nanoTime() - measuredFrom;
            timed.measuring = false;
            LoadStore.CpuSample cpuAfter = LoadStore.CpuSample.now(postgres);
            Database.WriteCounts writesAfter = writeCounts(a, b);
            long[] sorted =
                    timed.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "store=%s senders=%d seconds=%d delivered=%d delivered_per_s=%.0f p50_ms=%.1f p99_ms=%.1f"
                            + " acknowledged_total=%d%n",
                    store,
                    senders,
                    seconds,
                    timed.delivered.get(),
                    timed.delivered.get() / (measuredNanos / 1e9),
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    acknowledged.get());
            long delivered = Math.max(1, timed.delivered.get());
            System.out.println(cpuAfter.perMessageSince(cpuBefore, delivered)
                    + LoadStore.writesPerMessage(writesBefore, writesAfter, delivered));
            for (EmsgTcpClient client : clients) {
                client.close();
            }
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

    /** One server on memory stores, for the idle-connection measurement in its own process. */
    private static void server(int seconds) throws Exception {
        try (Node node = node("a.test", "memory:", new ConcurrentHashMap<>(), null, null)) {
            System.out.println("listening on 127.0.0.1:" + node.tcp().address().getPort());
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        }
    }

    /** Opens {@code count} ESMP connections (each greeted), holds them, then closes them. */
    private static void idleClients(int port, int count, int holdSeconds) throws Exception {
        List<Socket> sockets = new ArrayList<>(count);
        byte[] hello =
                "{\"type\":\"hello\",\"version\":\"0.2.0\",\"role\":\"client\"}\n".getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.setSoTimeout(60_000);
                OutputStream out = s.getOutputStream();
                out.write(hello);
                out.flush();
                String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                if (answer == null || !answer.contains("\"hello\"")) {
                    throw new IllegalStateException("connection " + i + " got no hello: " + answer);
                }
                sockets.add(s);
            }
            System.out.printf("held=%d open_time=%.1f s%n", sockets.size(), (System.nanoTime() - start) / 1e9);
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
            int alive = 0;
            for (Socket s : sockets) {
                s.setSoTimeout(1);
                try {
                    alive += s.getInputStream().read() < 0 ? 0 : 1;
                } catch (java.net.SocketTimeoutException e) {
                    alive++;
                }
            }
            System.out.println("still open after hold: " + alive);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
