package dev.missive.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.cli.MissiveCli;
import dev.missive.crypto.Secret;
import dev.missive.http.openmsg.OkHttpPeerTransport;
import dev.missive.http.openmsg.OpenmsgHttpServer;
import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgConfig;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;

/**
 * Openmsg ({@code missive openmsg-node}): a peer node in this JVM (memory store, plain HTTP on loopback)
 * connects to a user of the node under test with a pass code, then several threads send it numbered
 * messages. The node's inbox is read with {@code missive openmsg inbox} against its store.
 *
 * <p>What Openmsg allows, and what is asserted:
 * <ul>
 *   <li>a message answered {@code SM_S888} is in the recipient's inbox, with the hash the sender got;</li>
 *   <li>a message without an answer (in flight at a kill) may or may not be in the inbox: the receiver
 *       stores the message and its replay-guard entry in one transaction, so it is there whole or not at
 *       all;</li>
 *   <li>no message is in the inbox twice: one hash is accepted once (the replay guard answers
 *       {@code SM_E007} to a re-delivery), and the sender here never re-sends a text under a new hash;</li>
 *   <li>a message answered with an error code is not stored (none is expected here).</li>
 * </ul>
 */
final class OpenmsgCrashWorkload implements CrashWorkload {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE_DOMAIN = "node.example";
    private static final String PEER_DOMAIN = "peer.example";
    private static final String NODE_USER = "2000000";
    private static final String PEER_USER = "1000000";
    private static final String TEXT_PREFIX = "crash message ";
    /** Concurrent senders: a kill finds several messages in flight. */
    private static final int SENDERS = 4;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final AtomicReference<URI> nodeBase = new AtomicReference<>();
    private final OpenmsgNode peer;
    private final OpenmsgHttpServer peerServer;
    private final AtomicInteger nextNumber = new AtomicInteger();
    private final Set<Integer> attempted = ConcurrentHashMap.newKeySet();
    private final Map<Integer, String> answered = new ConcurrentHashMap<>();
    private final Map<Integer, String> refused = new ConcurrentHashMap<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean stopping;
    private int inboxSize;

    OpenmsgCrashWorkload() throws IOException {
        peer = OpenmsgNode.builder()
                .domain(PEER_DOMAIN)
                .store(new InMemoryOpenmsgStore())
                .transport(OkHttpPeerTransport.create())
                .locator(domain -> {
                    if (!domain.equals(NODE_DOMAIN)) {
                        throw new IllegalArgumentException("no test node for " + domain);
                    }
                    return nodeBase.get();
                })
                .clock(Clock.system())
                .random(RandomSource.secure())
                .config(OpenmsgConfig.DEFAULTS)
                .build();
        peer.addUser(PEER_USER, "Peer");
        peerServer = OpenmsgHttpServer.builder(peer).host("127.0.0.1").port(0).start();
    }

    @Override
    public String name() {
        return "openmsg";
    }

    @Override
    public List<String> nodeArguments(String store) {
        return List.of(
                "openmsg-node",
                "--domain",
                NODE_DOMAIN,
                "--port",
                "0",
                "--store",
                store,
                "--user",
                NODE_USER + ":Crash",
                "--peer",
                PEER_DOMAIN + "=http://127.0.0.1:" + peerServer.port() + "/openmsg/");
    }

    @Override
    public void prepare(InetSocketAddress node, String store) {
        nodeBase.set(base(node));
        String passCode = cli("openmsg", "passcode", "--store", store, "--user", NODE_USER)
                .strip();
        ConnectResult connected = peer.connect(
                peer.address(PEER_USER), OpenmsgAddress.of(NODE_USER, NODE_DOMAIN), Secret.ofText(passCode));
        assertThat(connected.isConnected()).as("handshake: %s", connected).isTrue();
    }

    @Override
    public void startTraffic(InetSocketAddress node) {
        nodeBase.set(base(node));
        stopping = false;
        senders.clear();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(Thread.ofVirtual().name("openmsg-crash-sender-" + i).start(this::sendUntilStopped));
        }
    }

    /** Sends until stopped or until the node is unreachable (it was killed). */
    private void sendUntilStopped() {
        OpenmsgAddress from = peer.address(PEER_USER);
        OpenmsgAddress to = OpenmsgAddress.of(NODE_USER, NODE_DOMAIN);
        while (!stopping) {
            int number = nextNumber.getAndIncrement();
            attempted.add(number);
            SendResult result = peer.send(from, to, TEXT_PREFIX + number);
            switch (result) {
                case SendResult.Sent sent -> answered.put(number, sent.messageHash());
                case SendResult.Failed failed
                when failed.reason() == SendResult.SendFailure.PEER_UNREACHABLE
                        || failed.reason() == SendResult.SendFailure.MALFORMED_RESPONSE -> {
                    return; // No (whole) answer, so in doubt: the kill cut the exchange off somewhere.
                }
                case SendResult.Failed failed -> refused.put(number, failed.toString());
            }
        }
    }

    @Override
    public int acknowledged() {
        return answered.size();
    }

    @Override
    public void stopTraffic() throws InterruptedException {
        stopping = true;
        for (Thread sender : senders) {
            if (!sender.join(STOP_TIMEOUT)) {
                throw new AssertionError("an Openmsg sender did not stop");
            }
        }
    }

    @Override
    public void checkStore(String store) throws IOException {
        assertThat(refused).as("messages the node refused").isEmpty();
        Map<Integer, String> inbox = new HashMap<>();
        for (String line : cli("openmsg", "inbox", "--store", store, "--user", NODE_USER)
                .lines()
                .toList()) {
            JsonNode message = JSON.readTree(line);
            assertThat(message.path("from").asText()).isEqualTo(PEER_USER + "*" + PEER_DOMAIN);
            String text = message.path("text").asText();
            assertThat(text).startsWith(TEXT_PREFIX);
            int number = Integer.parseInt(text.substring(TEXT_PREFIX.length()));
            assertThat(attempted).as("inbox message %d was sent", number).contains(number);
            String hash = message.path("message_hash").asText();
            assertThat(inbox.put(number, hash))
                    .as("message %d is in the inbox more than once", number)
                    .isNull();
        }
        assertThat(new HashSet<>(inbox.values())).as("distinct hashes").hasSize(inbox.size());
        for (Map.Entry<Integer, String> sent : answered.entrySet()) {
            assertThat(inbox)
                    .as("message %d was answered SM_S888", sent.getKey())
                    .containsEntry(sent.getKey(), sent.getValue());
        }
        inboxSize = inbox.size();
    }

    @Override
    public void verify(InetSocketAddress node, String store) throws IOException {
        checkStore(store);
        System.out.printf(
                "openmsg: %d messages answered SM_S888, %d in doubt at a kill (%d of them stored)%n",
                answered.size(), attempted.size() - answered.size(), inboxSize - answered.size());
    }

    @Override
    public void close() {
        stopping = true;
        peerServer.close();
    }

    private static URI base(InetSocketAddress node) {
        return URI.create("http://" + node.getAddress().getHostAddress() + ":" + node.getPort() + "/openmsg/");
    }

    /** Runs one operator command in this JVM, as its own process would: its own store pool, closed after. */
    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        assertThat(exit).as("missive %s: %s", String.join(" ", args), err).isZero();
        return out.toString();
    }
}
