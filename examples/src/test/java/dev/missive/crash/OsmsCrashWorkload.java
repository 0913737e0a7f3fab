package dev.missive.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.http.osms.OkHttpOsmsTransport;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.osms.JdbcQueueStore;
import dev.missive.jdbc.osms.JdbcServerKeyStore;
import dev.missive.jdbc.osms.JdbcUserStore;
import dev.missive.osms.client.OsmsClient;
import dev.missive.osms.client.PollResult;
import dev.missive.osms.client.ReceivedText;
import dev.missive.osms.client.SendResult;
import dev.missive.osms.memory.InMemoryPinStore;
import dev.missive.osms.model.Username;
import dev.missive.spi.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * OSMS ({@code missive osms-server}): Alice and Bob, users of the node under test, hold an encrypted
 * OTR conversation (set up once, through the node); Alice sends numbered texts, each relayed by the
 * node into Bob's queue, while Bob stays away. With the node down, Bob's queue is counted in the
 * store; after the last restart Bob polls everything and decrypts it. OTR state is not persisted on
 * the server, so after every restart both log in again; their conversation lives in the clients.
 *
 * <p>What OSMS allows, and what is asserted:
 * <ul>
 *   <li>a text answered as relayed ({@code SENT}) reaches Bob once the node is back;</li>
 *   <li>a text without an answer (in flight at a kill) may or may not reach him;</li>
 *   <li>no text reaches him twice (an item is queued once and acknowledged away).</li>
 * </ul>
 */
final class OsmsCrashWorkload implements CrashWorkload {

    private static final Username ALICE = Username.of("alice");
    private static final Username BOB = Username.of("bob");
    private static final String TEXT_PREFIX = "crash text ";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final int nodePort;
    private final OtrKeyPair aliceKey = OtrKeyPair.generate(new SecureRandom());
    private final OtrKeyPair bobKey = OtrKeyPair.generate(new SecureRandom());
    private OsmsClient alice;
    private OsmsClient bob;
    private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<Integer> attempted = ConcurrentHashMap.newKeySet();
    /** Answers other than a relayed text or a connection cut off by a kill. */
    private final List<String> unexpected = new CopyOnWriteArrayList<>();

    private Thread traffic;
    private volatile boolean stopping;

    OsmsCrashWorkload() {
        try {
            nodePort = NodeProcess.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "osms";
    }

    @Override
    public List<String> nodeArguments(String store) {
        return List.of(
                "osms-server",
                "--port",
                Integer.toString(nodePort),
                "--store",
                store,
                "--registration",
                "open",
                "--log-level",
                "WARN");
    }

    @Override
    public void prepare(InetSocketAddress node, String store) throws Exception {
        assertThat(node.getPort()).isEqualTo(nodePort);
        String fingerprint;
        try (Database database = Database.open(store)) {
            fingerprint = new JdbcServerKeyStore(database)
                    .load()
                    .orElseThrow()
                    .publicKey()
                    .fingerprintHex();
        }
        URI url = URI.create("http://127.0.0.1:" + nodePort);
        alice = client(url, aliceKey, fingerprint);
        bob = client(url, bobKey, fingerprint);
        alice.login(ALICE);
        bob.login(BOB);
        alice.authorize(BOB);
        bob.authorize(ALICE);
        alice.startConversation(BOB);
        for (int round = 0; round < 20 && !(alice.isEncrypted(BOB) && bob.isEncrypted(ALICE)); round++) {
            bob.poll();
            alice.poll();
        }
        assertThat(alice.isEncrypted(BOB))
                .as("Alice and Bob's OTR conversation")
                .isTrue();
        bob.acknowledge();
        alice.acknowledge();
    }

    private static OsmsClient client(URI url, OtrKeyPair key, String serverFingerprint) {
        return OsmsClient.builder()
                .transport(OkHttpOsmsTransport.builder(url).build())
                .clock(Clock.system())
                .otr(new Otr4jEngine())
                .key(key)
                .pinStore(new InMemoryPinStore())
                .server(url.toString())
                .serverFingerprint(serverFingerprint)
                .build();
    }

    @Override
    public void startTraffic(InetSocketAddress node) {
        stopping = false;
        traffic = Thread.ofVirtual().name("osms-crash-sender").start(this::sendUntilStopped);
    }

    /** Logs Alice in (a restarted node knows no session) and sends until stopped or cut off by a kill. */
    private void sendUntilStopped() {
        try {
            alice.login(ALICE);
            while (!stopping) {
                int number = attempted.size(); // one sender at a time
                attempted.add(number);
                SendResult result = alice.send(BOB, TEXT_PREFIX + number);
                if (result != SendResult.SENT) {
                    unexpected.add("text " + number + ": " + result);
                    return;
                }
                acknowledged.add(number);
            }
        } catch (IOException cutOff) {
            // No answer: the text in flight is in doubt; the kill cut the exchange off.
        } catch (Exception e) {
            unexpected.add(e.toString());
        }
    }

    @Override
    public int acknowledged() {
        return acknowledged.size();
    }

    @Override
    public void stopTraffic() throws InterruptedException {
        stopping = true;
        if (traffic != null && !traffic.join(STOP_TIMEOUT)) {
            throw new AssertionError("the OSMS sender did not stop");
        }
    }

    @Override
    public void checkStore(String store) {
        assertThat(unexpected).as("unexpected answers to Alice").isEmpty();
        try (Database database = Database.open(store)) {
            var bobId = new JdbcUserStore(database)
                    .findByUsername(BOB)
                    .orElseThrow()
                    .id();
            assertThat(new JdbcQueueStore(database).count(bobId))
                    .as("items queued for Bob")
                    .isGreaterThanOrEqualTo(acknowledged.size());
        }
    }

    @Override
    public void verify(InetSocketAddress node, String store) throws Exception {
        checkStore(store);
        bob.login(BOB);
        Map<Integer, Integer> received = new HashMap<>();
        for (int round = 0; round < 1_000; round++) {
            PollResult polled = bob.poll();
            for (ReceivedText text : polled.texts()) {
                assertThat(text.from()).isEqualTo(ALICE.value());
                assertThat(text.text()).startsWith(TEXT_PREFIX);
                received.merge(Integer.parseInt(text.text().substring(TEXT_PREFIX.length())), 1, Integer::sum);
            }
            if (polled.processed() == 0 && polled.remaining() == 0) {
                break;
            }
        }
        bob.acknowledge();
        assertThat(received.values()).as("texts received more than once").containsOnly(1);
        assertThat(attempted).as("every text received was sent").containsAll(received.keySet());
        assertThat(received.keySet()).as("texts answered as relayed").containsAll(acknowledged);
        System.out.printf(
                "osms: %d texts relayed, %d in doubt at a kill (%d of them received)%n",
                acknowledged.size(), attempted.size() - acknowledged.size(), received.size() - acknowledged.size());
    }

    @Override
    public void close() {
        stopping = true;
    }
}
