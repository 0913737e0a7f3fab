package dev.missive.bench.osms;

import dev.missive.bench.DriverOptions;
import dev.missive.bench.LoadStore;
import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.http.osms.OkHttpOsmsTransport;
import dev.missive.http.osms.OsmsHttpServer;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.osms.JdbcQueueStore;
import dev.missive.jdbc.osms.JdbcServerKeyStore;
import dev.missive.jdbc.osms.JdbcSessionStore;
import dev.missive.jdbc.osms.JdbcUserStore;
import dev.missive.osms.OsmsConfig;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.OsmsServerKeys;
import dev.missive.osms.client.OsmsClient;
import dev.missive.osms.client.PollResult;
import dev.missive.osms.client.SendResult;
import dev.missive.osms.memory.InMemoryPinStore;
import dev.missive.osms.memory.InMemoryQueueStore;
import dev.missive.osms.memory.InMemoryServerKeyStore;
import dev.missive.osms.memory.InMemorySessionStore;
import dev.missive.osms.memory.InMemoryUserStore;
import dev.missive.osms.model.Username;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver for one OSMS server over loopback HTTP (not JMH: whole-system measurements).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.missive.bench.osms.OsmsLoadDriver logins CLIENTS SECONDS [--store URL]
 * java -cp bench/target/benchmarks.jar dev.missive.bench.osms.OsmsLoadDriver relay PAIRS SECONDS [--store URL]
 * </pre>
 *
 * {@code logins}: CLIENTS users log in and out in a loop (each login is {@code GET /pk} and the
 * three-POST OTR AKE, then the logout), for 5 s unmeasured and SECONDS measured; then otr4j's raw
 * AKE between two in-memory conversations is timed on one thread for the same SECONDS, to show how
 * much of a login is the AKE itself. {@code relay}: PAIRS sender/recipient pairs, logged in, with
 * mutual consent and an encrypted OTR conversation each; every sender sends texts (each relayed by
 * the server into the recipient's queue) while every recipient polls and acknowledges; the rate is
 * texts received per second. The server runs on {@code --store} (default {@code memory:}; an SQLite
 * file is emptied first). Every loop is bounded by a duration, and only 127.0.0.1 is contacted.
 */
public final class OsmsLoadDriver {

    private static final int WARMUP_SECONDS = 5;
    private static final String USAGE = """
            usage: OsmsLoadDriver logins CLIENTS SECONDS [--store URL]
                   OsmsLoadDriver relay PAIRS SECONDS [--store URL]
            URL: %s""".formatted(LoadStore.URL_FORMS);

    private OsmsLoadDriver() {}

    /**
     * Runs one measurement.
     *
     * @param args the mode and its arguments, see the class documentation
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        String mode = args.length > 0 ? args[0] : "";
        int count;
        int seconds;
        LoadStore load;
        try {
            if (!mode.equals("logins") && !mode.equals("relay")) {
                throw new IllegalArgumentException("unknown mode '" + mode + "'");
            }
            if (args.length != 3 && !(args.length == 5 && args[3].equals("--store"))) {
                throw new IllegalArgumentException(mode + " takes 2 arguments and an optional --store URL");
            }
            count = DriverOptions.wholeNumber(mode.equals("relay") ? "PAIRS" : "CLIENTS", args[1], 1);
            seconds = DriverOptions.wholeNumber("SECONDS", args[2], 1);
            load = LoadStore.open(args.length == 5 ? args[4] : "memory:");
        } catch (IllegalArgumentException e) {
            System.err.println("OsmsLoadDriver: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try (load) {
            Server server = Server.start(load);
            try {
                if (mode.equals("logins")) {
                    logins(server, count, seconds);
                } else {
                    relay(server, load, count, seconds);
                }
            } finally {
                server.http.close();
            }
        }
        System.exit(0);
    }

    /** The server under load: open registration, on the run's store. */
    private record Server(OsmsServer engine, OsmsHttpServer http, URI url) {
        static Server start(LoadStore load) throws Exception {
            OsmsServer.Builder builder = OsmsServer.builder()
                    .clock(Clock.system())
                    .random(RandomSource.secure())
                    .otr(new Otr4jEngine())
                    .config(OsmsConfig.DEFAULTS.withRegistrationOpen(true).withQueueQuota(1_000_000));
            if (load.database().isPresent()) {
                Database db = load.database().get();
                builder.userStore(new JdbcUserStore(db))
                        .sessionStore(new JdbcSessionStore(db))
                        .queueStore(new JdbcQueueStore(db))
                        .serverKey(OsmsServerKeys.loadOrCreate(
                                new JdbcServerKeyStore(db), OsmsLoadDriver::newKey, Clock.system()));
            } else {
                builder.userStore(new InMemoryUserStore())
                        .sessionStore(new InMemorySessionStore())
                        .queueStore(new InMemoryQueueStore())
                        .serverKey(OsmsServerKeys.loadOrCreate(
                                new InMemoryServerKeyStore(), OsmsLoadDriver::newKey, Clock.system()));
            }
            OsmsServer engine = builder.build();
            OsmsHttpServer http =
                    OsmsHttpServer.builder(engine).port(0).backlog(1024).start();
            System.out.printf("server on 127.0.0.1:%d, store %s%n", http.port(), load.url());
            return new Server(engine, http, URI.create("http://127.0.0.1:" + http.port()));
        }

        OsmsClient client() {
            return OsmsClient.builder()
                    .transport(OkHttpOsmsTransport.builder(url).build())
                    .clock(Clock.system())
                    .otr(new Otr4jEngine())
                    .key(newKey())
                    .pinStore(new InMemoryPinStore())
                    .server(url.toString())
                    .serverFingerprint(engine.publicKey().fingerprintHex())
                    .build();
        }
    }

    private static OtrKeyPair newKey() {
        return OtrKeyPair.generate(new SecureRandom());
    }

    private static void logins(Server server, int clients, int seconds) throws Exception {
        List<OsmsClient> users = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            users.add(server.client());
        }
        runFor(WARMUP_SECONDS, users, (client, i) -> loginLogout(client, i));
        long measured = runFor(seconds, users, (client, i) -> loginLogout(client, i));
        System.out.printf(
                "logins: %d clients, %d s: %d logins, %.1f logins/s%n",
                clients, seconds, measured, measured / (double) seconds);

        long akes = rawAkes(seconds);
        System.out.printf(
                "otr4j raw AKE (one thread, in memory): %d in %d s, %.1f AKEs/s%n",
                akes, seconds, akes / (double) seconds);
    }

    private static void loginLogout(OsmsClient client, int index) throws Exception {
        client.login(Username.of("user" + index));
        client.logout();
    }

    /** Full OTR AKEs between two fresh in-memory conversations, one thread, for {@code seconds}. */
    private static long rawAkes(int seconds) throws Exception {
        Otr4jEngine otr = new Otr4jEngine();
        OtrKeyPair a = newKey();
        OtrKeyPair b = newKey();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long count = 0;
        while (System.nanoTime() < deadline) {
            OsmsWorld.rawAke(otr, a, b);
            count++;
        }
        return count;
    }

    private static void relay(Server server, LoadStore load, int pairs, int seconds) throws Exception {
        List<OsmsClient> senders = new ArrayList<>();
        List<OsmsClient> recipients = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            OsmsClient sender = server.client();
            OsmsClient recipient = server.client();
            Username from = Username.of("s" + i);
            Username to = Username.of("r" + i);
            sender.login(from);
            recipient.login(to);
            sender.authorize(to);
            recipient.authorize(from);
            sender.send(to, "hello");
            for (int round = 0; round < 20 && sender.hasPending(to); round++) {
                sender.poll();
                recipient.poll();
            }
            if (sender.hasPending(to)) {
                throw new IllegalStateException("pair " + i + " did not finish its OTR handshake");
            }
            senders.add(sender);
            recipients.add(recipient);
        }
        AtomicLong received = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            OsmsClient sender = senders.get(i);
            OsmsClient recipient = recipients.get(i);
            Username to = Username.of("r" + i);
            running.add(threads.submit(() -> {
                while (!stop.get()) {
                    if (sender.send(to, "a relayed text of moderate length") != SendResult.SENT) {
                        throw new IllegalStateException("the conversation is not encrypted");
                    }
                }
                return null;
            }));
            running.add(threads.submit(() -> {
                while (!stop.get()) {
                    PollResult polled = recipient.poll();
                    recipient.acknowledge();
                    if (measuring.get()) {
                        received.addAndGet(polled.texts().size());
                    }
                }
                return null;
            }));
        }
        Thread.sleep(WARMUP_SECONDS * 1000L);
        LoadStore.CpuSample cpuBefore = load.cpu();
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long texts = received.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        LoadStore.CpuSample cpuAfter = load.cpu();
        stop.set(true);
        for (Future<?> future : running) {
            future.get();
        }
        threads.shutdown();
        System.out.printf(
                "relay: %d pairs, %.1f s: %d texts received, %.1f texts/s%n", pairs, elapsed, texts, texts / elapsed);
        System.out.println(cpuAfter.perMessageSince(cpuBefore, Math.max(1, texts)));
    }

    /** Work one client does per iteration. */
    @FunctionalInterface
    private interface Work {
        void run(OsmsClient client, int index) throws Exception;
    }

    /** Runs {@code work} in a loop on one virtual thread per client for {@code seconds}; returns the iterations. */
    private static long runFor(int seconds, List<OsmsClient> clients, Work work) throws Exception {
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                OsmsClient client = clients.get(i);
                int index = i;
                running.add(threads.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        work.run(client, index);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        return done.get();
    }
}
