package dev.missive.mesh;

import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.memory.InMemoryPacketStore;
import dev.missive.mesh.memory.InMemoryPeerStore;
import dev.missive.mesh.memory.InMemoryTombstoneStore;
import dev.missive.mesh.spi.PacketStore;
import dev.missive.mesh.spi.PeerRecord;
import dev.missive.testing.ManualClock;
import dev.missive.testing.SeededRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Several mesh servers and clients in one process, sharing a manual clock; sync calls are routed
 * from one engine to another's {@link MeshServer#handle} (no sockets). Shared through core's test
 * jar.
 */
public final class MeshNet {

    /** Where every test network's clock starts. */
    public static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

    /** The shared clock. */
    public final ManualClock clock = new ManualClock(START);

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private long seed = 1;

    /** One server with its stores and the events it emitted. */
    public record Node(
            MeshServer server,
            PacketStore packets,
            InMemoryTombstoneStore tombstones,
            InMemoryPeerStore peers,
            List<MeshEvent> events) {

        /** The server's origin. */
        public String origin() {
            return server.origin();
        }

        /** The server's record of the peer at {@code url}. */
        public PeerRecord peer(String url) {
            return server.peers().stream()
                    .filter(p -> p.url().equals(url))
                    .findFirst()
                    .orElseThrow();
        }

        /** The events of type {@code type}. */
        public <T extends MeshEvent> List<T> events(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** Adds a server at {@code origin} with test key {@code keyName} and the test configuration. */
    public Node add(String origin, String keyName) {
        return add(origin, keyName, config(), UnaryOperator.identity());
    }

    /**
     * Adds a server whose packet store is {@code wrap} applied to a memory store (to simulate a
     * misbehaving peer).
     */
    public Node add(String origin, String keyName, MeshConfig config, UnaryOperator<PacketStore> wrap) {
        PacketStore packets = wrap.apply(new InMemoryPacketStore());
        InMemoryTombstoneStore tombstones = new InMemoryTombstoneStore();
        InMemoryPeerStore peers = new InMemoryPeerStore();
        List<MeshEvent> events = new CopyOnWriteArrayList<>();
        MeshServer server = MeshServer.builder()
                .origin(origin)
                .serverKey(MeshTestKeys.key(keyName))
                .packetStore(packets)
                .tombstoneStore(tombstones)
                .peerStore(peers)
                .replayGuard(new InMemoryReplayGuardStore())
                .clock(clock)
                .random(new SeededRandom(seed++))
                .eventListener(listener(events))
                .config(config)
                .build();
        Node node = new Node(server, packets, tombstones, peers, events);
        nodes.put(server.origin(), node);
        return node;
    }

    /** The test configuration: defaults, loopback peers allowed. */
    public static MeshConfig config() {
        return MeshConfig.DEFAULTS.withAllowPrivatePeerAddresses(true);
    }

    /** A client with test key {@code keyName} on the shared clock; its events go to {@code events}. */
    public MeshClient client(String keyName, List<MeshEvent> events) {
        return MeshClient.builder()
                .key(MeshTestKeys.key(keyName))
                .clock(clock)
                .random(new SeededRandom(seed++))
                .seenStore(new InMemoryReplayGuardStore())
                .eventListener(listener(events))
                .build();
    }

    /** Makes {@code a} and {@code b} peers of each other (as configured peers). */
    public void connect(Node a, Node b) {
        a.server().addPeer(b.origin());
        b.server().addPeer(a.origin());
    }

    /**
     * Runs one sync round from {@code from} against {@code to}, making every call the round asks for.
     *
     * @return the calls made
     */
    public List<MeshCall> sync(Node from, Node to) {
        return drive(from, from.server().startSync(to.origin()));
    }

    /** Runs a server-list exchange from {@code from} against {@code to}. */
    public List<MeshCall> exchangeServers(Node from, Node to) {
        return drive(from, from.server().startServerExchange(to.origin()));
    }

    /** Syncs every pair of servers both ways, {@code rounds} times. */
    public void syncAll(int rounds) {
        for (int i = 0; i < rounds; i++) {
            for (Node a : nodes.values()) {
                for (Node b : nodes.values()) {
                    if (a != b) {
                        sync(a, b);
                    }
                }
            }
        }
    }

    private List<MeshCall> drive(Node from, List<MeshCall> first) {
        List<MeshCall> made = new ArrayList<>();
        Deque<MeshCall> queue = new ArrayDeque<>(first);
        while (!queue.isEmpty()) {
            MeshCall call = queue.poll();
            made.add(call);
            Node target = nodes.get(call.peerUrl());
            MeshReply reply = target.server().handle(call.endpoint(), call.body());
            queue.addAll(from.server().onReply(call, reply.httpStatus(), reply.body()));
        }
        return made;
    }

    private static EventListener listener(List<MeshEvent> events) {
        return new EventListener() {
            @Override
            public void onProtocolEvent(ProtocolEvent event) {
                if (event instanceof MeshEvent mesh) {
                    events.add(mesh);
                }
            }
        };
    }
}
