package dev.missive.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.http.HttpPeerClient;
import dev.missive.http.ProxyChoice;
import dev.missive.http.mesh.MeshHttpServer;
import dev.missive.http.mesh.OkHttpMeshClient;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.mesh.JdbcMeshPacketStore;
import dev.missive.jdbc.mesh.JdbcMeshTombstoneStore;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.MeshConfig;
import dev.missive.mesh.MeshServer;
import dev.missive.mesh.client.FetchResult;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.client.MeshKeys;
import dev.missive.mesh.client.SealedMessage;
import dev.missive.mesh.memory.InMemoryPacketStore;
import dev.missive.mesh.memory.InMemoryPeerStore;
import dev.missive.mesh.memory.InMemoryTombstoneStore;
import dev.missive.mesh.model.MessageType;
import dev.missive.mesh.model.PacketHash;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mesh ({@code missive mesh-server}): the node under test, B, syncs every 100 ms with a peer P
 * that runs in this JVM (memory store), so kills land in the middle of sync rounds (hash pages,
 * fetches, pushes, tombstones). Traffic: packets sent to P (which reach B only through sync),
 * packets sent straight to B, and Bob fetching from B and discarding some of what he got.
 *
 * <p>What the mesh allows, and what is asserted:
 * <ul>
 *   <li>a packet B answered 200 to {@code /send} is stored (until discarded): in B's store whenever the
 *       node is down;</li>
 *   <li>a discard B answered 200 leaves a tombstone and no packet, and the packet never comes back to B
 *       (or to P, which gets B's proof) however many sync rounds follow;</li>
 *   <li>every packet P accepted and nobody discarded reaches B once it is back (nothing is lost to a
 *       kill during sync);</li>
 *   <li>an operation without an answer (in flight at a kill) may or may not have happened.</li>
 * </ul>
 */
final class MeshCrashWorkload implements CrashWorkload {

    private static final Duration SETTLED = Duration.ofSeconds(90);

    private final Path keys;
    private final int nodePort;
    private final String nodeUrl;
    private MeshHttpServer peer;
    private OkHttpMeshClient alice;
    private OkHttpMeshClient bob;
    private String bobKey;

    private final Set<PacketHash> acceptedByNode = ConcurrentHashMap.newKeySet();
    private final Set<PacketHash> acceptedByPeer = ConcurrentHashMap.newKeySet();
    private final Set<PacketHash> discardedAtNode = ConcurrentHashMap.newKeySet();
    /** Discards sent without an answer: the packet may be gone or not. */
    private final Set<PacketHash> discardInDoubt = ConcurrentHashMap.newKeySet();

    private final AtomicInteger acknowledged = new AtomicInteger();

    private Thread traffic;
    private volatile boolean stopping;

    MeshCrashWorkload() {
        try {
            keys = Files.createTempDirectory("mesh-crash-keys");
            nodePort = NodeProcess.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        nodeUrl = "http://127.0.0.1:" + nodePort;
    }

    @Override
    public String name() {
        return "mesh";
    }

    @Override
    public List<String> nodeArguments(String store) {
        startPeer();
        return List.of(
                "mesh-server",
                "--port",
                Integer.toString(nodePort),
                "--store",
                store,
                "--key",
                keyFile("server-b").toString(),
                "--peer",
                peer.engine().origin(),
                "--sync-interval",
                "PT0.1S",
                "--log-level",
                "WARN");
    }

    private void startPeer() {
        if (peer != null) {
            return;
        }
        try {
            int port = NodeProcess.freePort();
            while (port == nodePort) {
                port = NodeProcess.freePort();
            }
            MeshServer engine = MeshServer.builder()
                    .origin("http://127.0.0.1:" + port)
                    .serverKey(key("server-a"))
                    .packetStore(new InMemoryPacketStore())
                    .tombstoneStore(new InMemoryTombstoneStore())
                    .peerStore(new InMemoryPeerStore())
                    .replayGuard(new InMemoryReplayGuardStore())
                    .clock(Clock.system())
                    .random(RandomSource.secure())
                    .config(MeshConfig.DEFAULTS.withAllowPrivatePeerAddresses(true))
                    .build();
            engine.addPeer(nodeUrl);
            peer = MeshHttpServer.builder(engine)
                    .port(port)
                    .syncInterval(Duration.ofMillis(150))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        alice = client("alice");
        bob = client("bob");
        bobKey = bob.client().publicKey();
    }

    @Override
    public void prepare(InetSocketAddress node, String store) {
        assertThat(node.getPort()).isEqualTo(nodePort);
    }

    @Override
    public void startTraffic(InetSocketAddress node) {
        stopping = false;
        traffic = Thread.ofVirtual().name("mesh-crash-traffic").start(this::traffic);
    }

    private void traffic() {
        URI peerUrl = URI.create(peer.engine().origin());
        URI node = URI.create(nodeUrl);
        HttpPeerClient http = HttpPeerClient.create();
        for (int op = 0; !stopping; op++) {
            try {
                switch (op % 3) {
                    case 0 -> {
                        SealedMessage sealed = seal("via P " + op);
                        alice.send(List.of(peerUrl), sealed);
                        acceptedByPeer.add(sealed.packet().hash());
                        acknowledged.incrementAndGet();
                    }
                    case 1 -> {
                        SealedMessage sealed = seal("to B " + op);
                        HttpPeerClient.Answer answer = http.post(
                                URI.create(nodeUrl + "/send"), alice.client().sendBody(sealed.packet()));
                        if (answer.status() == 200) {
                            acceptedByNode.add(sealed.packet().hash());
                            acknowledged.incrementAndGet();
                        }
                    }
                    default -> discardSome(node);
                }
            } catch (Exception nodeDown) {
                // The node is being killed or restarted: the operation is in doubt, traffic goes on.
            }
        }
    }

    private void discardSome(URI node) throws Exception {
        FetchResult page = bob.fetch(node);
        List<PacketHash> some = page.fetched().stream()
                .filter(h -> !discardedAtNode.contains(h))
                .limit(2)
                .toList();
        if (some.isEmpty()) {
            return;
        }
        discardInDoubt.addAll(some);
        bob.discard(node, some);
        discardedAtNode.addAll(some);
        discardInDoubt.removeAll(some);
        acknowledged.incrementAndGet();
    }

    private SealedMessage seal(String text) throws Exception {
        return alice.client().seal(bobKey, MessageType.MESSAGE, alice.client().newChannelId(), text);
    }

    @Override
    public int acknowledged() {
        return acknowledged.get();
    }

    @Override
    public void stopTraffic() throws InterruptedException {
        stopping = true;
        if (traffic != null) {
            traffic.join(Duration.ofSeconds(60));
            assertThat(traffic.isAlive()).as("traffic thread ended").isFalse();
        }
    }

    @Override
    public void checkStore(String store) {
        try (Database database = Database.open(store)) {
            JdbcMeshPacketStore packets = new JdbcMeshPacketStore(database);
            JdbcMeshTombstoneStore tombstones = new JdbcMeshTombstoneStore(database);
            Instant now = Instant.now();
            for (PacketHash hash : acceptedByNode) {
                if (discardedAtNode.contains(hash) || discardInDoubt.contains(hash)) {
                    continue;
                }
                assertThat(packets.find(hash)).as("packet B accepted: %s", hash).isPresent();
            }
            assertThat(tombstones.present(discardedAtNode, now))
                    .as("tombstones of acknowledged discards")
                    .containsExactlyInAnyOrderElementsOf(discardedAtNode);
            for (PacketHash hash : discardedAtNode) {
                assertThat(packets.find(hash)).as("discarded packet %s", hash).isEmpty();
            }
        }
    }

    @Override
    public void verify(InetSocketAddress node, String store) throws Exception {
        Set<PacketHash> gone = new HashSet<>(discardedAtNode);
        gone.addAll(discardInDoubt);
        Set<PacketHash> expected = new HashSet<>(acceptedByPeer);
        expected.addAll(acceptedByNode);
        expected.removeAll(gone);
        try (Database database = Database.open(store)) {
            JdbcMeshPacketStore packets = new JdbcMeshPacketStore(database);
            // Nothing lost: every packet accepted anywhere and not discarded reaches B through sync.
            await().atMost(SETTLED).untilAsserted(() -> {
                List<PacketHash> missing = new ArrayList<>();
                for (PacketHash hash : expected) {
                    if (packets.find(hash).isEmpty()) {
                        missing.add(hash);
                    }
                }
                assertThat(missing).as("packets missing on B").isEmpty();
            });
            // Nothing resurrected: after more rounds both ways, no discarded packet is back on B.
            peer.syncNow();
            peer.syncNow();
            for (PacketHash hash : discardedAtNode) {
                assertThat(packets.find(hash))
                        .as("discarded packet back on B: %s", hash)
                        .isEmpty();
            }
        }
        assertThat(discardedAtNode).as("discards happened").isNotEmpty();
        assertThat(acceptedByPeer).as("packets went through the peer").isNotEmpty();
    }

    @Override
    public void close() {
        if (peer != null) {
            peer.close();
        }
    }

    private static OkHttpMeshClient client(String name) {
        MeshClient client = MeshClient.builder()
                .key(key(name))
                .clock(Clock.system())
                .random(RandomSource.secure())
                .seenStore(new InMemoryReplayGuardStore())
                .build();
        return OkHttpMeshClient.builder(client)
                .txProxy(ProxyChoice.DIRECT)
                .rxProxy(ProxyChoice.DIRECT)
                .build();
    }

    private Path keyFile(String name) {
        Path file = keys.resolve(name + ".pem");
        if (!Files.exists(file)) {
            try {
                Files.writeString(file, pem(name), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    private static dev.missive.crypto.RsaPrivateKey key(String name) {
        try {
            return MeshKeys.fromPem(pem(name));
        } catch (dev.missive.mesh.MeshException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixed test key (examples' test resources, copies of core's mesh test keys). */
    private static String pem(String name) {
        try (InputStream in = MeshCrashWorkload.class.getResourceAsStream("/dev/missive/cli/mesh/" + name + ".pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
