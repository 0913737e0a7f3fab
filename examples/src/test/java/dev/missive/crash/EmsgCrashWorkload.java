package dev.missive.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.emsg.client.EmsgClient;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.spi.StoredInboxEntry;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.emsg.JdbcInboxStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.LineClient;
import dev.missive.tcp.emsg.EmsgTcpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EMSG ({@code missive emsg-server}): Alice, on several connections at once, sends one-to-one chats
 * to Bob, both users of the node under test, so each accepted message is one group-committed write
 * of its seen id and Bob's inbox entry. Bob's inbox is read from the store with the node down.
 *
 * <p>What EMSG allows, and what is asserted:
 * <ul>
 *   <li>a message answered {@code ack} is in Bob's inbox;</li>
 *   <li>a message without an answer (in flight at a kill) may or may not be there: its seen id and its
 *       entry are one transaction, so sent again after the restart it is answered {@code ack} (it was
 *       not stored) or {@code 409} (it was), and then it is in the inbox;</li>
 *   <li>no message is in the inbox twice.</li>
 * </ul>
 */
final class EmsgCrashWorkload implements CrashWorkload {

    private static final String DOMAIN = "node.test";
    private static final EmsgAddress ALICE = new EmsgAddress("alice", DOMAIN);
    private static final EmsgAddress BOB = new EmsgAddress("bob", DOMAIN);
    /** Concurrent connections of Alice's: a kill finds several messages in flight. */
    private static final int SENDERS = 4;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path domainKey;
    private final EmsgSigningKey aliceKey = EmsgSigningKey.ed25519("k1", Ed25519PrivateKey.generate(RANDOM));
    private final EmsgSigningKey bobKey = EmsgSigningKey.ed25519("k1", Ed25519PrivateKey.generate(RANDOM));
    /** Every message sent, by id: the exact line, to send again if it got no answer. */
    private final Map<String, String> sent = new ConcurrentHashMap<>();

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean stopping;

    EmsgCrashWorkload() {
        try {
            domainKey = Files.createTempDirectory("emsg-crash").resolve("domain-key.pem");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "emsg";
    }

    @Override
    public List<String> nodeArguments(String store) {
        return List.of(
                "emsg-server",
                "--domain",
                DOMAIN,
                "--port",
                "0",
                "--store",
                store,
                "--domain-key",
                domainKey.toString(),
                "--registration",
                "open",
                "--log-level",
                "WARN");
    }

    @Override
    public void prepare(InetSocketAddress node, String store) throws Exception {
        connect(node, ALICE, aliceKey, true).close();
        connect(node, BOB, bobKey, true).close();
    }

    private static EmsgTcpClient connect(InetSocketAddress node, EmsgAddress user, EmsgSigningKey key, boolean register)
            throws IOException, EmsgException {
        EmsgClient client = new EmsgClient(user, key, Clock.system(), RandomSource.secure());
        return EmsgTcpClient.connect(node, client, LineClient.Options.DEFAULTS, register);
    }

    @Override
    public void startTraffic(InetSocketAddress node) {
        stopping = false;
        senders.clear();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(Thread.ofVirtual().name("emsg-crash-sender-" + i).start(() -> sendUntilStopped(node)));
        }
    }

    /** Sends until stopped or until the node is unreachable (it was killed). */
    private void sendUntilStopped(InetSocketAddress node) {
        try (EmsgTcpClient alice = connect(node, ALICE, aliceKey, false)) {
            while (!stopping) {
                EmsgClient.Outgoing message = alice.client().chat(BOB, "crash " + sent.size());
                sent.put(message.id(), message.line());
                try {
                    alice.send(message);
                    acknowledged.add(message.id());
                } catch (EmsgException e) {
                    refused.put(message.id(), e.error().code() + " " + e.getMessage());
                }
            }
        } catch (IOException | EmsgException | RuntimeException cutOff) {
            // No (whole) answer: the message in flight is in doubt; the kill cut the exchange off.
        }
    }

    @Override
    public int acknowledged() {
        return acknowledged.size();
    }

    @Override
    public void stopTraffic() throws InterruptedException {
        stopping = true;
        for (Thread sender : senders) {
            if (!sender.join(STOP_TIMEOUT)) {
                throw new AssertionError("an EMSG sender did not stop");
            }
        }
    }

    @Override
    public void checkStore(String store) {
        assertThat(refused).as("messages the node refused").isEmpty();
        assertThat(bobsInbox(store).keySet()).containsAll(acknowledged);
    }

    /** Bob's inbox in the store, message id to how often it is there (each must be there once). */
    private Map<String, Integer> bobsInbox(String store) {
        Map<String, Integer> inbox = new HashMap<>();
        try (Database database = Database.open(store)) {
            JdbcInboxStore entries = new JdbcInboxStore(database);
            long after = 0;
            for (List<StoredInboxEntry> page; !(page = entries.list(BOB, after, 500)).isEmpty(); ) {
                for (StoredInboxEntry stored : page) {
                    assertThat(sent)
                            .as("inbox message was sent")
                            .containsKey(stored.entry().messageId());
                    inbox.merge(stored.entry().messageId(), 1, Integer::sum);
                    after = stored.sequence();
                }
            }
        }
        assertThat(inbox.values()).as("messages in the inbox more than once").containsOnly(1);
        return inbox;
    }

    @Override
    public void verify(InetSocketAddress node, String store) throws Exception {
        checkStore(store);
        List<String> inDoubt =
                sent.keySet().stream().filter(id -> !acknowledged.contains(id)).toList();
        int storedInDoubt = 0;
        try (EmsgTcpClient alice = connect(node, ALICE, aliceKey, false)) {
            for (String id : inDoubt) {
                try {
                    alice.send(new EmsgClient.Outgoing(id, sent.get(id)));
                } catch (EmsgException e) {
                    assertThat(e.error())
                            .as("a re-sent message in doubt: %s", e.getMessage())
                            .isEqualTo(EmsgError.CONFLICT);
                    storedInDoubt++;
                }
            }
        }
        assertThat(bobsInbox(store).keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        System.out.printf(
                "emsg: %d messages answered ack, %d in doubt at a kill (%d of them stored)%n",
                acknowledged.size(), inDoubt.size(), storedInDoubt);
    }

    @Override
    public void close() {
        stopping = true;
    }
}
