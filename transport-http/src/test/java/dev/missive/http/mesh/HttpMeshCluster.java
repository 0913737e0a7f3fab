package dev.missive.http.mesh;

import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.http.HttpPeerClient;
import dev.missive.http.ProxyChoice;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.MeshConfig;
import dev.missive.mesh.MeshEvent;
import dev.missive.mesh.MeshServer;
import dev.missive.mesh.MeshTestKeys;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.memory.InMemoryPacketStore;
import dev.missive.mesh.memory.InMemoryPeerStore;
import dev.missive.mesh.memory.InMemoryTombstoneStore;
import dev.missive.mesh.spi.PacketStore;
import dev.missive.spi.Clock;
import dev.missive.testing.ManualClock;
import dev.missive.testing.SeededRandom;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Mesh servers on loopback over real HTTP, on one {@link ManualClock} shared with their clients, so
 * that tests move time (freshness windows, retention, the availability bound) without waiting. The
 * schedules run rarely; tests call {@link Server#syncNow()} for each round they want.
 */
final class HttpMeshCluster implements AutoCloseable {

    static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

    final ManualClock clock = new ManualClock(START);
    private final List<Server> servers = new ArrayList<>();
    private long seed = 1;

    /** One running server, its engine and what it emitted. */
    record Server(MeshServer engine, MeshHttpServer http, PacketStore packets, List<MeshEvent> events) {

        URI url() {
            return URI.create(engine.origin());
        }

        MeshPeerSync.RoundSummary syncNow() {
            return http.syncNow();
        }

        <T extends MeshEvent> List<T> events(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** The test configuration: the defaults, loopback peers allowed. */
    static MeshConfig config() {
        return MeshConfig.DEFAULTS.withAllowPrivatePeerAddresses(true);
    }

    Server add(String keyName) throws IOException {
        return add(keyName, config(), UnaryOperator.identity());
    }

    /** A server whose packet store is {@code wrap} applied to a memory store (a misbehaving peer). */
    Server add(String keyName, MeshConfig config, UnaryOperator<PacketStore> wrap) throws IOException {
        int port = freePort();
        PacketStore packets = wrap.apply(new InMemoryPacketStore());
        List<MeshEvent> events = new CopyOnWriteArrayList<>();
        MeshServer engine = MeshServer.builder()
                .origin("http://127.0.0.1:" + port)
                .serverKey(MeshTestKeys.key(keyName))
                .packetStore(packets)
                .tombstoneStore(new InMemoryTombstoneStore())
                .peerStore(new InMemoryPeerStore())
                .replayGuard(new InMemoryReplayGuardStore())
                .clock(clock)
                .random(new SeededRandom(seed++))
                .eventListener(listener(events))
                .config(config)
                .build();
        MeshHttpServer http = MeshHttpServer.builder(engine)
                .port(port)
                .syncInterval(Duration.ofHours(1))
                .serverExchangeInterval(Duration.ofHours(1))
                .cleanUpInterval(Duration.ofHours(1))
                .start();
        Server server = new Server(engine, http, packets, events);
        servers.add(server);
        return server;
    }

    /** Makes {@code a} and {@code b} configured peers of each other. */
    static void connect(Server a, Server b) {
        a.engine().addPeer(b.engine().origin());
        b.engine().addPeer(a.engine().origin());
    }

    /** Every server syncs with all its peers, {@code rounds} times. */
    void syncAll(int rounds) {
        for (int i = 0; i < rounds; i++) {
            servers.forEach(Server::syncNow);
        }
    }

    /** A pure client with test key {@code keyName} on the cluster's clock. */
    MeshClient pureClient(String keyName, List<MeshEvent> events, Clock clockOfClient) {
        return MeshClient.builder()
                .key(MeshTestKeys.key(keyName))
                .clock(clockOfClient)
                .random(new SeededRandom(seed++))
                .seenStore(new InMemoryReplayGuardStore())
                .eventListener(listener(events))
                .build();
    }

    /** An HTTP client with test key {@code keyName}, direct (no proxy). */
    OkHttpMeshClient client(String keyName, List<MeshEvent> events) {
        return OkHttpMeshClient.builder(pureClient(keyName, events, clock))
                .txProxy(ProxyChoice.DIRECT)
                .rxProxy(ProxyChoice.DIRECT)
                .build();
    }

    /** POSTs {@code body} to {@code path} of {@code server} as is. */
    static HttpPeerClient.Answer post(Server server, String path, byte[] body) throws IOException {
        return HttpPeerClient.builder()
                .maxResponseBytes(16 * 1024 * 1024)
                .build()
                .post(URI.create(server.engine().origin() + path), body);
    }

    static String text(HttpPeerClient.Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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

    @Override
    public void close() {
        servers.forEach(s -> s.http().close());
    }
}
