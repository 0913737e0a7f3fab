package dev.missive.http.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.http.EmbeddedHttpServer;
import dev.missive.http.HttpPeerClient;
import dev.missive.http.HttpResult;
import dev.missive.http.ProxyChoice;
import dev.missive.http.mesh.HttpMeshCluster.Server;
import dev.missive.mesh.MeshEvent;
import dev.missive.mesh.MeshTestKeys;
import dev.missive.mesh.client.FetchResult;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.client.MeshKeys;
import dev.missive.mesh.client.SealedMessage;
import dev.missive.mesh.client.ServerChoice;
import dev.missive.mesh.model.MessageType;
import dev.missive.mesh.spi.StoredPacket;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP client against real servers on loopback: cover packets mixed with a real send (stored by
 * the servers like any packet, the size of the real one, silent when fetched back), and the choice
 * of TX and RX servers by the load each reports on {@code GET /status}.
 */
class OkHttpMeshClientTest {

    private final HttpMeshCluster cluster = new HttpMeshCluster();
    private final List<MeshEvent> aliceEvents = new ArrayList<>();
    private final List<MeshEvent> bobEvents = new ArrayList<>();
    private final String bobKey = MeshKeys.publicKeyText(MeshTestKeys.key("bob"));
    private EmbeddedHttpServer notAMeshServer;

    @AfterEach
    void stop() {
        cluster.close();
        if (notAMeshServer != null) {
            notAMeshServer.close();
        }
    }

    private OkHttpMeshClient aliceWithCover(int cover) {
        return OkHttpMeshClient.builder(cluster.pureClient("alice", aliceEvents, cluster.clock))
                .txProxy(ProxyChoice.DIRECT)
                .rxProxy(ProxyChoice.DIRECT)
                .coverPackets(cover)
                .build();
    }

    private static List<StoredPacket> stored(Server server, String recipient) {
        return server.packets().findByRecipient(recipient, HttpMeshCluster.START, 1000);
    }

    @Test
    void coverPacketsAreStoredReplicatedAndDroppedSilentlyWhenFetched() throws Exception {
        Server a = cluster.add("server-a");
        Server b = cluster.add("server-b");
        Server c = cluster.add("server-c");
        HttpMeshCluster.connect(a, c);
        HttpMeshCluster.connect(b, c);
        OkHttpMeshClient alice = aliceWithCover(3);
        String aliceKey = alice.client().publicKey();
        SealedMessage sealed =
                alice.client().seal(bobKey, MessageType.MESSAGE, alice.client().newChannelId(), "real one");

        List<OkHttpMeshClient.SendOutcome> outcomes = alice.send(List.of(a.url(), b.url()), sealed);

        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.accepted()).isTrue();
            assertThat(o.coverAccepted()).isEqualTo(3);
        });
        for (Server tx : List.of(a, b)) {
            assertThat(stored(tx, bobKey))
                    .singleElement()
                    .satisfies(p -> assertThat(p.packet()).isEqualTo(sealed.packet()));
            List<StoredPacket> cover = stored(tx, aliceKey);
            assertThat(cover).hasSize(3).allSatisfy(p -> {
                assertThat(MeshClient.bucketOf(p.packet())).isEqualTo(MeshClient.bucketOf(sealed.packet()));
                assertThat(alice.client().sendBody(p.packet()))
                        .hasSameSizeAs(alice.client().sendBody(sealed.packet()));
            });
        }
        // Both TX servers got the same cover packets (one mix per send), so C holds three, not six.
        assertThat(stored(a, aliceKey))
                .extracting(StoredPacket::packet)
                .containsExactlyInAnyOrderElementsOf(
                        stored(b, aliceKey).stream().map(StoredPacket::packet).toList());
        cluster.syncAll(2);
        assertThat(stored(c, aliceKey)).hasSize(3);
        assertThat(stored(c, bobKey)).hasSize(1);

        // The sender fetches its own cover back: nothing to show, nothing reported, all discarded.
        FetchResult own = alice.fetch(c.url());
        assertThat(own.messages()).isEmpty();
        assertThat(own.fetched()).hasSize(3);
        assertThat(aliceEvents).isEmpty();
        assertThat(alice.fetchAll(c.url(), true)).isEmpty();
        assertThat(stored(c, aliceKey)).isEmpty();

        OkHttpMeshClient bob = cluster.client("bob", bobEvents);
        assertThat(bob.fetchAll(c.url(), true))
                .singleElement()
                .satisfies(m -> assertThat(m.message().content()).isEqualTo("real one"));
    }

    @Test
    void withoutCoverOnlyTheRealPacketIsSent() throws Exception {
        Server a = cluster.add("server-a");
        OkHttpMeshClient alice = aliceWithCover(0);
        SealedMessage sealed = alice.client().seal(bobKey, MessageType.MESSAGE, "c", "x");
        assertThat(alice.send(List.of(a.url()), sealed))
                .singleElement()
                .satisfies(o -> assertThat(o.coverAccepted()).isZero());
        assertThat(a.packets().countLive(HttpMeshCluster.START)).isOne();
        assertThatThrownBy(() -> aliceWithCover(OkHttpMeshClient.MAX_COVER_PACKETS + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> aliceWithCover(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Makes {@code count} requests to {@code server}, so that its {@code /status} load goes up by as many. */
    private static void load(Server server, int count) throws IOException {
        HttpPeerClient http = HttpPeerClient.builder().build();
        for (int i = 0; i < count; i++) {
            http.get(URI.create(server.engine().origin() + "/version"));
        }
    }

    @Test
    void theLeastLoadedServerReceivesAndTheNextOnesSend() throws Exception {
        Server busy = cluster.add("server-a");
        Server idle = cluster.add("server-b");
        Server middle = cluster.add("server-c");
        load(busy, 9);
        load(middle, 4);
        OkHttpMeshClient alice = aliceWithCover(0);
        List<URI> known = List.of(busy.url(), idle.url(), middle.url());

        ServerChoice one = alice.choose(known, 1);
        assertThat(one.rx()).isEqualTo(idle.engine().origin());
        assertThat(one.tx()).containsExactly(middle.engine().origin());

        ServerChoice two = alice.choose(known, 2);
        assertThat(two.rx()).isEqualTo(idle.engine().origin());
        assertThat(two.tx())
                .containsExactly(middle.engine().origin(), busy.engine().origin());

        // Load moves the choice: the idle server becomes the busiest.
        load(idle, 30);
        ServerChoice after = alice.choose(known, 1);
        assertThat(after.rx()).isEqualTo(middle.engine().origin());
        assertThat(after.tx()).containsExactly(busy.engine().origin());
    }

    @Test
    void txAndRxDifferEvenWhenTwoServersAreEquallyLoaded() throws Exception {
        Server a = cluster.add("server-a");
        Server b = cluster.add("server-b");
        OkHttpMeshClient alice = aliceWithCover(0);
        for (int i = 0; i < 10; i++) {
            ServerChoice choice = alice.choose(List.of(a.url(), b.url(), a.url()), 1);
            assertThat(choice.tx()).singleElement().isNotEqualTo(choice.rx());
            assertThat(List.of(choice.rx(), choice.tx().getFirst()))
                    .containsExactlyInAnyOrder(a.engine().origin(), b.engine().origin());
        }
    }

    @Test
    void unreachableServersAndOtherServersAreLeftOut() throws Exception {
        Server a = cluster.add("server-a");
        Server b = cluster.add("server-b");
        load(a, 5);
        URI closed = URI.create("http://127.0.0.1:" + HttpMeshCluster.freePort());
        notAMeshServer = EmbeddedHttpServer.builder(
                        (method, path, body) -> new HttpResult(404, "no".getBytes(), Map.of()))
                .port(0)
                .build()
                .start();
        URI other = URI.create("http://127.0.0.1:" + notAMeshServer.port());
        OkHttpMeshClient alice = aliceWithCover(0);

        // The unreachable and the foreign server would be the least loaded (no load at all) if counted.
        ServerChoice choice = alice.choose(List.of(closed, other, a.url(), b.url()), 1);
        assertThat(choice.rx()).isEqualTo(b.engine().origin());
        assertThat(choice.tx()).containsExactly(a.engine().origin());

        assertThatThrownBy(() -> alice.choose(List.of(closed, other, a.url()), 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("need 2 distinct servers answering /status, 1 did")
                .hasMessageContaining(closed + " (refused)")
                .hasMessageContaining(other.toString());
        assertThatThrownBy(() -> alice.choose(List.of(a.url(), b.url()), 2))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("need 3");
        assertThatThrownBy(() -> alice.choose(List.of(), 1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> alice.choose(List.of(a.url(), b.url()), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
