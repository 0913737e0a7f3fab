package dev.missive.http.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.MeshEvent;
import dev.missive.mesh.MeshServer;
import dev.missive.mesh.MeshTestKeys;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.client.MeshKeys;
import dev.missive.mesh.client.SealedMessage;
import dev.missive.mesh.memory.InMemoryPacketStore;
import dev.missive.mesh.memory.InMemoryPeerStore;
import dev.missive.mesh.memory.InMemoryTombstoneStore;
import dev.missive.mesh.model.MessageType;
import dev.missive.testing.ManualClock;
import dev.missive.testing.SeededRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The host's schedules: sync rounds every {@code syncInterval} and clean-up every {@code cleanUpInterval}. */
class MeshHttpServerScheduleTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final List<MeshHttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(MeshHttpServer::close);
    }

    private MeshHttpServer start(String key, InMemoryPacketStore packets, List<MeshEvent> events) throws Exception {
        int port = HttpMeshCluster.freePort();
        MeshServer engine = MeshServer.builder()
                .origin("http://127.0.0.1:" + port)
                .serverKey(MeshTestKeys.key(key))
                .packetStore(packets)
                .tombstoneStore(new InMemoryTombstoneStore())
                .peerStore(new InMemoryPeerStore())
                .replayGuard(new InMemoryReplayGuardStore())
                .clock(clock)
                .random(new SeededRandom(servers.size() + 1))
                .eventListener(new EventListener() {
                    @Override
                    public void onProtocolEvent(ProtocolEvent event) {
                        if (event instanceof MeshEvent mesh) {
                            events.add(mesh);
                        }
                    }
                })
                .config(HttpMeshCluster.config())
                .build();
        MeshHttpServer server = MeshHttpServer.builder(engine)
                .port(port)
                .syncInterval(Duration.ofMillis(100))
                .cleanUpInterval(Duration.ofMillis(100))
                .start();
        servers.add(server);
        return server;
    }

    @Test
    void syncRoundsAndCleanUpRunOnTheirOwn() throws Exception {
        InMemoryPacketStore packetsA = new InMemoryPacketStore();
        InMemoryPacketStore packetsB = new InMemoryPacketStore();
        List<MeshEvent> eventsB = new CopyOnWriteArrayList<>();
        MeshHttpServer a = start("server-a", packetsA, new CopyOnWriteArrayList<>());
        MeshHttpServer b = start("server-b", packetsB, eventsB);
        a.engine().addPeer(b.engine().origin());
        b.engine().addPeer(a.engine().origin());

        MeshClient alice = MeshClient.builder()
                .key(MeshTestKeys.key("alice"))
                .clock(clock)
                .random(new SeededRandom(7))
                .seenStore(new InMemoryReplayGuardStore())
                .build();
        SealedMessage sealed = alice.seal(
                MeshKeys.publicKeyText(MeshTestKeys.key("bob")),
                MessageType.MESSAGE,
                alice.newChannelId(),
                "scheduled");
        assertThat(packetsA.insert(new dev.missive.mesh.spi.StoredPacket(
                        sealed.packet(),
                        dev.missive.mesh.model.MeshProfile.J2,
                        clock.now(),
                        clock.now().plus(a.engine().config().retention()))))
                .isTrue();

        // Nobody calls syncNow: the schedule does.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> packetsB.find(sealed.packet().hash()).isPresent());

        clock.advance(a.engine().config().retention().plusMinutes(1));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> packetsB.find(sealed.packet().hash()).isEmpty());
        assertThat(eventsB).anySatisfy(e -> assertThat(e).isInstanceOf(MeshEvent.CleanedUp.class));
    }
}
