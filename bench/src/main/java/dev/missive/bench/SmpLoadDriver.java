package dev.missive.bench;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.jdbc.smp.JdbcMessageStore;
import dev.missive.jdbc.smp.JdbcQueueStore;
import dev.missive.jdbc.smp.PostgresSmpCluster;
import dev.missive.smp.ServerSession;
import dev.missive.smp.SigningKey;
import dev.missive.smp.SmpServer;
import dev.missive.smp.client.ClientSession;
import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.SmpCluster;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.smp.wire.TransmissionEncoder;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.smp.SmpTcpConnection;
import dev.missive.tcp.smp.SmpTcpServer;
import dev.missive.tcp.smp.SmpTransportMode;
import java.io.IOException;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Load driver for the SMP server over loopback (not JMH: these are whole-system measurements).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.missive.bench.SmpLoadDriver \
 *     throughput plain|encrypted ed25519|rsa2048 CONNECTIONS SECONDS [--store URL] [--cluster]
 * java -cp bench/target/benchmarks.jar dev.missive.bench.SmpLoadDriver heap-queues COUNT
 * java -cp bench/target/benchmarks.jar dev.missive.bench.SmpLoadDriver idle-clients PORT COUNT HOLD_SECONDS
 * </pre>
 *
 * {@code throughput} runs 10 s unmeasured, then SECONDS measured, with the server on the store of
 * {@code --store} (default {@code memory:}; an SQLite file is emptied first; give PostgreSQL a
 * fresh {@code currentSchema} per run), and prints CPU per message of this JVM (clients and
 * server) and, for PostgreSQL, of the database, with the database writes and commits per message.
 * With {@code --cluster} (PostgreSQL only) the server joins a {@code PostgresSmpCluster} as
 * {@code smp-server} does on PostgreSQL, so it reads queue records and heads from the database on
 * every command; without it the server is alone on its stores. {@code --help} prints the usage; a bad argument prints
 * it and exits with 2. Every loop is bounded by a count or a duration, and only 127.0.0.1 is
 * contacted.
 */
public final class SmpLoadDriver {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Unmeasured run before the measured one of {@code throughput}. */
    private static final int WARMUP_SECONDS = 10;

    private SmpLoadDriver() {}

    private static final String USAGE = """
            usage: SmpLoadDriver throughput plain|encrypted ed25519|rsa2048 CONNECTIONS SECONDS [--store URL] [--cluster]
                   SmpLoadDriver heap-queues COUNT
                   SmpLoadDriver idle-clients PORT COUNT HOLD_SECONDS
            URL:\s""" + LoadStore.URL_FORMS;

    /** A parsed command line: what to run, checked before anything starts. */
    private interface Run {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || Arrays.asList(args).contains("--help")) {
            (args.length == 0 ? System.err : System.out).println(USAGE);
            if (args.length == 0) {
                System.exit(2);
            }
            return;
        }
        Run run;
        try {
            run = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SmpLoadDriver: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        run.run();
    }

    private static Run parse(String[] args) {
        return switch (args[0]) {
            case "throughput" -> {
                if (args.length < 5) {
                    throw new IllegalArgumentException("throughput takes 4 arguments, then --store URL and --cluster");
                }
                SmpTransportMode mode = SmpTransportMode.valueOf(args[1].toUpperCase(java.util.Locale.ROOT));
                if (!args[2].equals("ed25519") && !args[2].equals("rsa2048")) {
                    throw new IllegalArgumentException("keys are ed25519 or rsa2048");
                }
                int connections = Integer.parseInt(args[3]);
                int seconds = Integer.parseInt(args[4]);
                String url = "memory:";
                boolean cluster = false;
                for (int i = 5; i < args.length; i++) {
                    switch (args[i]) {
                        case "--store" -> {
                            if (++i == args.length) {
                                throw new IllegalArgumentException("--store needs a URL");
                            }
                            url = args[i];
                        }
                        case "--cluster" -> cluster = true;
                        default -> throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                }
                if (cluster && !(dev.missive.jdbc.StoreUrl.parse(url) instanceof dev.missive.jdbc.StoreUrl.Postgres)) {
                    throw new IllegalArgumentException("--cluster needs a PostgreSQL --store");
                }
                dev.missive.jdbc.StoreUrl.parse(url); // a bad URL is a usage error, before anything starts
                String store = url;
                boolean joinCluster = cluster;
                yield () -> throughput(mode, args[2], connections, seconds, store, joinCluster);
            }
            case "heap-queues" -> {
                count(args, 2);
                int queues = Integer.parseInt(args[1]);
                yield () -> heapPerQueue(queues);
            }
            case "idle-clients" -> {
                count(args, 4);
                int port = Integer.parseInt(args[1]);
                int clients = Integer.parseInt(args[2]);
                int hold = Integer.parseInt(args[3]);
                yield () -> idleClients(port, clients, hold);
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
    }

    private static void count(String[] args, int expected) {
        if (args.length != expected) {
            throw new IllegalArgumentException(args[0] + " takes " + (expected - 1) + " arguments");
        }
    }

    private static SmpServer engine() {
        return engine(null);
    }

    private static SmpServer engine(LoadStore store) {
        return engine(store, SmpCluster.SINGLE);
    }

    private static SmpServer engine(LoadStore store, SmpCluster cluster) {
        SmpServer.Builder builder = SmpServer.builder()
                .clock(Clock.system())
                .random(RandomSource.secure())
                .cluster(cluster);
        if (store != null && store.database().isPresent()) {
            builder.queueStore(new JdbcQueueStore(store.database().get()))
                    .messageStore(
                            cluster instanceof PostgresSmpCluster postgres
                                    ? postgres.messageStore()
                                    : new JdbcMessageStore(store.database().get()));
        } else {
            builder.queueStore(new InMemoryQueueStore()).messageStore(new InMemoryMessageStore());
        }
        return builder.build();
    }

    /** {@code engine}, after it started hearing the other instances of {@code cluster} (if any). */
    private static SmpServer listening(PostgresSmpCluster cluster, SmpServer engine) {
        if (cluster != null) {
            cluster.listen(engine);
        }
        return engine;
    }

    private static SmpTcpServer server(SmpTransportMode mode, SmpServer engine) throws IOException {
        SmpTcpServer.Builder b = SmpTcpServer.builder(engine).port(0).maxConnections(100_000);
        if (mode == SmpTransportMode.ENCRYPTED) {
            b.encrypted(RsaPrivateKey.generate(2048, RANDOM).privateKey());
        }
        return b.start();
    }

    private static SigningKey key(String type) {
        return type.equals("rsa2048")
                ? SigningKey.rsa(RsaPrivateKey.generate(2048, RANDOM).privateKey())
                : SigningKey.ed25519(Ed25519PrivateKey.generate(RANDOM));
    }

    /** One client: its own secured queue, looping SEND → wait for MSG → ACK. */
    private static final class Client {
        final SmpTcpConnection tcp;
        final ClientSession session;
        final BlockingQueue<ServerMessage.Msg> inbox = new ArrayBlockingQueue<>(16);
        SigningKey rk;
        SigningKey sk;
        QueueId rid;
        QueueId sid;
        final long[] latencies = new long[2_000_000];
        int count;

        Client(SmpTcpServer server) throws IOException {
            byte[] hash = server.mode() == SmpTransportMode.ENCRYPTED ? server.keyHash() : null;
            tcp = SmpTcpConnection.connect(
                    SmpTcpConnection.Options.of("127.0.0.1", server.address().getPort(), server.mode(), hash));
            session = new ClientSession(tcp.sink(), new ClientSession.Listener() {
                @Override
                public void onMessage(QueueId recipientId, ServerMessage.Msg message) {
                    inbox.add(message);
                }

                @Override
                public void onEnd(QueueId recipientId) {}
            });
            tcp.onClosed(session::close);
            tcp.start(session::onBytes);
        }

        void setUp(String keyType) throws Exception {
            rk = key(keyType);
            sk = key(keyType);
            ServerMessage.Ids ids = (ServerMessage.Ids) session.request(null, null, new Command.Create(rk.publicKey()))
                    .get(60, TimeUnit.SECONDS);
            rid = ids.recipientId();
            sid = ids.senderId();
            expectOk(
                    session.request(rk, rid, new Command.Secure(sk.publicKey())).get(60, TimeUnit.SECONDS));
        }

        void run(long deadlineNanos, byte[] body) throws Exception {
            while (System.nanoTime() < deadlineNanos && count < latencies.length) {
                long start = System.nanoTime();
                var sent = session.request(sk, sid, Command.Send.binary(body));
                ServerMessage.Msg msg = inbox.poll(60, TimeUnit.SECONDS);
                if (msg == null) {
                    throw new IllegalStateException("no MSG within 60 s");
                }
                latencies[count++] = System.nanoTime() - start;
                expectOk(sent.get(60, TimeUnit.SECONDS));
                ServerMessage ack =
                        session.request(rk, rid, new Command.Acknowledge()).get(60, TimeUnit.SECONDS);
                if (ack instanceof ServerMessage.Msg) {
                    throw new IllegalStateException("unexpected second message");
                }
            }
        }

        private static void expectOk(ServerMessage reply) {
            if (!(reply instanceof ServerMessage.Ok)) {
                throw new IllegalStateException("expected OK, got " + reply);
            }
        }
    }

    private static void runAll(List<Client> clients, long deadline, byte[] body) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(clients.size());
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Client c : clients) {
            Thread.ofVirtual().start(() -> {
                try {
                    c.run(deadline, body);
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("client failed", failures.get(0));
        }
    }

    private static void throughput(
            SmpTransportMode mode, String keyType, int connections, int seconds, String url, boolean joinCluster)
            throws Exception {
        try (LoadStore store = LoadStore.open(url);
                PostgresSmpCluster cluster =
                        joinCluster ? new PostgresSmpCluster(store.database().orElseThrow()) : null;
                SmpTcpServer server = server(
                        mode, listening(cluster, engine(store, cluster == null ? SmpCluster.SINGLE : cluster)))) {
            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Client c = new Client(server);
                c.setUp(keyType);
                clients.add(c);
            }
            byte[] body = new byte[256];
            RANDOM.nextBytes(body);
            // The same loop unmeasured first, so the JIT has compiled the store's path too.
            runAll(clients, System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS), body);
            clients.forEach(c -> c.count = 0);
            LoadStore.CpuSample cpuBefore = store.cpu();
            var writesBefore = store.writeCounts();
            long start = System.nanoTime();
            runAll(clients, start + TimeUnit.SECONDS.toNanos(seconds), body);
            long elapsed = System.nanoTime() - start;
            LoadStore.CpuSample cpuAfter = store.cpu();
            long total = clients.stream().mapToLong(c -> c.count).sum();
            long[] all = new long[(int) total];
            int at = 0;
            for (Client c : clients) {
                System.arraycopy(c.latencies, 0, all, at, c.count);
                at += c.count;
            }
            Arrays.sort(all);
            System.out.printf(
                    "store=%s cluster=%s mode=%s keys=%s connections=%d seconds=%.1f messages=%d throughput=%.0f msg/s "
                            + "latency_p50=%.2f ms p99=%.2f ms max=%.2f ms (client+server in one JVM)%n",
                    store.url(),
                    joinCluster,
                    mode.name().toLowerCase(),
                    keyType,
                    connections,
                    elapsed / 1e9,
                    total,
                    total / (elapsed / 1e9),
                    percentile(all, 0.50),
                    percentile(all, 0.99),
                    all[all.length - 1] / 1e6);
            System.out.println(store.costLine(cpuBefore, cpuAfter, total, writesBefore));
            clients.forEach(c -> c.tcp.close());
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Heap of idle queues in the memory stores: created through the engine, creator gone. */
    private static void heapPerQueue(int count) throws Exception {
        SmpServer engine = engine();
        byte[] key = Ed25519PrivateKey.generate(RANDOM).publicKey().spki();
        ServerSession warm = engine.openSession(frame -> {});
        byte[] conn =
                TransmissionEncoder.command(new byte[0], TransmissionEncoder.signedPart(null, new Command.Create(key)));
        warm.onBytes(conn, 0, conn.length);
        warm.close();
        long before = usedHeap();
        ServerSession creator = engine.openSession(frame -> {});
        for (int i = 0; i < count; i++) {
            byte[] k = Ed25519PrivateKey.generate(RANDOM).publicKey().spki();
            byte[] frame = TransmissionEncoder.command(
                    new byte[0], TransmissionEncoder.signedPart(null, new Command.Create(k)));
            creator.onBytes(frame, 0, frame.length);
        }
        long subscribed = usedHeap();
        creator.close();
        long after = usedHeap();
        System.out.printf(
                "queues=%d heap_per_idle_queue=%.0f bytes (while the creator stays subscribed: %.0f bytes)%n",
                count, (after - before) / (double) count, (subscribed - before) / (double) count);
        if (engine.subscriptionCount() != 0) {
            throw new IllegalStateException("subscriptions left");
        }
    }

    /**
     * Opens {@code count} plain connections to a server in another process (so each process stays
     * under the file-descriptor limit and the server's heap can be read with {@code jcmd}), waits
     * for each greeting, holds them {@code holdSeconds}, checks a new connection is still served,
     * then closes them.
     */
    private static void idleClients(int port, int count, int holdSeconds) throws Exception {
        List<Socket> sockets = new ArrayList<>(count);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.setSoTimeout(60_000);
                if (s.getInputStream().readNBytes(16).length != 16) {
                    throw new IllegalStateException("connection " + i + " got no greeting");
                }
                sockets.add(s);
            }
            System.out.printf("held=%d open_time=%.1f s%n", sockets.size(), (System.nanoTime() - start) / 1e9);
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
            try (Socket probe = new Socket("127.0.0.1", port)) {
                probe.setSoTimeout(60_000);
                System.out.println("probe greeting while held: "
                        + new String(probe.getInputStream().readNBytes(14)));
            }
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
