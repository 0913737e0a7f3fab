package dev.missive.http.mesh;

import static dev.missive.http.mesh.HttpMeshCluster.connect;
import static dev.missive.http.mesh.HttpMeshCluster.post;
import static dev.missive.http.mesh.HttpMeshCluster.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.http.HttpPeerClient;
import dev.missive.http.mesh.HttpMeshCluster.Server;
import dev.missive.mesh.MeshEvent;
import dev.missive.mesh.MeshTestKeys;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.client.MeshKeys;
import dev.missive.mesh.client.ReceivedMessage;
import dev.missive.mesh.client.SealedMessage;
import dev.missive.mesh.model.MessageType;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.PeerStatus;
import dev.missive.mesh.spi.PacketStore;
import dev.missive.mesh.spi.StoredPacket;
import dev.missive.mesh.wire.PeerView;
import dev.missive.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three mesh servers on loopback over real HTTP, in a line A — B — C (C learns of A's packets only
 * through B), with one manual clock: replication, discard and expiry without resurrection, refused
 * replays, audiences and stale requests, and a peer that drops packets.
 */
class MeshHttpLoopbackTest {

    private final List<MeshEvent> aliceEvents = new ArrayList<>();
    private final List<MeshEvent> bobEvents = new ArrayList<>();
    private HttpMeshCluster cluster;
    private Server a;
    private Server b;
    private Server c;
    private OkHttpMeshClient alice;
    private OkHttpMeshClient bob;
    private String bobKey;

    @BeforeEach
    void startThreeServers() throws Exception {
        cluster = new HttpMeshCluster();
        a = cluster.add("server-a");
        b = cluster.add("server-b");
        c = cluster.add("server-c");
        connect(a, b);
        connect(b, c);
        alice = cluster.client("alice", aliceEvents);
        bob = cluster.client("bob", bobEvents);
        bobKey = MeshKeys.publicKeyText(MeshTestKeys.key("bob"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private SealedMessage sealToBob(String text) throws Exception {
        MeshClient pure = alice.client();
        return pure.seal(bobKey, MessageType.MESSAGE, pure.newChannelId(), text);
    }

    private static List<String> texts(List<ReceivedMessage> messages) {
        return messages.stream().map(m -> m.message().content()).toList();
    }

    @Test
    void aMessageSentThroughAIsFetchedFromCAfterSync() throws Exception {
        SealedMessage sealed = sealToBob("hello through the mesh");
        alice.send(List.of(a.url()), sealed);
        assertThat(bob.fetch(c.url()).messages()).isEmpty();

        cluster.syncAll(2);

        List<ReceivedMessage> onC = bob.fetchAll(c.url(), false);
        assertThat(texts(onC)).containsExactly("hello through the mesh");
        assertThat(onC.getFirst().hash()).isEqualTo(sealed.packet().hash());
        assertThat(onC.getFirst().message().sender()).isEqualTo(MeshKeys.publicKeyText(MeshTestKeys.key("alice")));
    }

    @Test
    void aDiscardedPacketDoesNotComeBackFromAnyDirection() throws Exception {
        SealedMessage sealed = sealToBob("read once");
        alice.send(List.of(a.url()), sealed);
        cluster.syncAll(2);
        assertThat(a.packets().find(sealed.packet().hash())).isPresent();
        assertThat(c.packets().find(sealed.packet().hash())).isPresent();

        assertThat(texts(bob.fetchAll(c.url(), true))).containsExactly("read once");

        // Tombstones travel with sync, every direction, several rounds. C's proof is signed for C, so
        // only C's own peers apply it (one hop): B removes the packet, A (not C's peer) keeps it.
        for (int round = 0; round < 3; round++) {
            c.syncNow();
            b.syncNow();
            a.syncNow();
        }
        PacketHash hash = sealed.packet().hash();
        assertThat(c.packets().find(hash)).as("on C").isEmpty();
        assertThat(b.packets().find(hash)).as("on B").isEmpty();
        // Each server also exchanges server lists once as it starts; on a slow machine that first run
        // can come after the peers were added, and then A already knows C and applies its proof.
        if (!a.engine().syncTargets().contains(c.engine().origin())) {
            assertThat(a.packets().find(hash)).as("on A, not a peer of C").isPresent();
        }

        // Once A learns C from the server lists, it syncs with C directly and gets C's proof.
        a.http().exchangeServersNow();
        c.http().exchangeServersNow();
        assertThat(a.engine().syncTargets()).contains(c.engine().origin());
        for (int round = 0; round < 3; round++) {
            cluster.syncAll(1);
        }
        for (Server server : List.of(a, b, c)) {
            assertThat(server.packets().find(hash))
                    .as("packet on %s", server.url())
                    .isEmpty();
            assertThat(bob.fetch(server.url()).messages()).isEmpty();
        }
        // A second send of the same packet is refused where the tombstone lives.
        HttpPeerClient.Answer again = post(a, "/send", alice.client().sendBody(sealed.packet()));
        assertThat(again.status()).isNotEqualTo(200);
        cluster.syncAll(2);
        assertThat(bob.fetch(c.url()).messages()).isEmpty();
    }

    @Test
    void anExpiredPacketDoesNotComeBackAfterFurtherSyncs() throws Exception {
        SealedMessage sealed = sealToBob("short-lived");
        alice.send(List.of(a.url()), sealed);
        cluster.syncAll(2);
        assertThat(c.packets().find(sealed.packet().hash())).isPresent();

        cluster.clock.advance(a.engine().config().retention().plusMinutes(1));
        // Only A cleans up at first: B and C still hold the expired copy.
        assertThat(a.engine().cleanUp()).isPositive();
        cluster.syncAll(2);
        assertThat(a.packets().find(sealed.packet().hash())).isEmpty();

        b.engine().cleanUp();
        c.engine().cleanUp();
        cluster.syncAll(2);
        for (Server server : List.of(a, b, c)) {
            assertThat(server.packets().find(sealed.packet().hash()))
                    .as("packet on %s", server.url())
                    .isEmpty();
            assertThat(bob.fetch(server.url()).messages()).isEmpty();
        }
    }

    @Test
    void aReplayedFetchOrDiscardIsRefused() throws Exception {
        alice.send(List.of(a.url()), sealToBob("once"));
        MeshClient pureBob = bob.client();

        byte[] fetch = pureBob.fetchByRecipientRequest(a.engine().origin());
        assertThat(post(a, "/fetch/by_recipient", fetch).status()).isEqualTo(200);
        HttpPeerClient.Answer replayed = post(a, "/fetch/by_recipient", fetch);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(text(replayed)).contains("replayed");

        PacketHash hash = bob.fetch(a.url()).fetched().getFirst();
        byte[] discard = pureBob.discardRequest(a.engine().origin(), List.of(hash));
        assertThat(post(a, "/discard", discard).status()).isEqualTo(200);
        HttpPeerClient.Answer replayedDiscard = post(a, "/discard", discard);
        assertThat(replayedDiscard.status()).isEqualTo(401);
        assertThat(text(replayedDiscard)).contains("replayed");
    }

    @Test
    void aRequestSignedForAnotherServerIsRefused() throws Exception {
        alice.send(List.of(a.url()), sealToBob("not for B's eyes"));
        cluster.syncAll(1);

        // Signed for A, replayed by A's operator to B: the audience gives it away.
        byte[] forA = bob.client().fetchByRecipientRequest(a.engine().origin());
        HttpPeerClient.Answer atB = post(b, "/fetch/by_recipient", forA);
        assertThat(atB.status()).isEqualTo(401);
        assertThat(text(atB)).contains("wrong_audience");

        PacketHash hash = a.packets()
                .syncHashesAfter(Optional.empty(), cluster.clock.now(), 10)
                .getFirst();
        HttpPeerClient.Answer discardAtB =
                post(b, "/discard", bob.client().discardRequest(a.engine().origin(), List.of(hash)));
        assertThat(discardAtB.status()).isEqualTo(401);
        assertThat(b.packets().find(hash)).isPresent();
    }

    @Test
    void aStaleRequestIsRefused() throws Exception {
        ManualClock behind = new ManualClock(cluster.clock.now().minus(Duration.ofMinutes(10)));
        MeshClient late = cluster.pureClient("bob", new ArrayList<>(), behind);

        HttpPeerClient.Answer stale = post(
                a,
                "/fetch/by_recipient",
                late.fetchByRecipientRequest(a.engine().origin()));

        assertThat(stale.status()).isEqualTo(400);
        assertThat(text(stale)).contains("stale");
    }

    @Test
    void aPeerThatDropsPacketsIsDetectedAndDropped() throws Exception {
        Server blackHole = cluster.add("server-c", HttpMeshCluster.config(), DroppingPacketStore::new);
        connect(a, blackHole);
        for (int i = 0; i < 4; i++) {
            alice.send(List.of(a.url()), sealToBob("into the void " + i));
        }

        a.syncNow(); // pushes the packets; the black hole says it accepted them
        cluster.clock.advance(a.engine().config().availabilityBound().plusMinutes(1));
        for (int round = 0; round < 4; round++) {
            a.syncNow();
        }

        String hole = blackHole.engine().origin();
        assertThat(a.engine().peers())
                .filteredOn(p -> p.url().equals(hole))
                .singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PeerStatus.DROPPED));
        assertThat(a.events(MeshEvent.PeerDropped.class))
                .extracting(MeshEvent.PeerDropped::peer)
                .contains(hole);
        assertThat(a.engine().syncTargets())
                .doesNotContain(hole)
                .contains(b.engine().origin());
        // The operator sees it over HTTP too.
        List<PeerView> peers = alice.peers(a.url());
        assertThat(peers).filteredOn(p -> p.url().equals(hole)).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo("dropped");
            assertThat(p.score()).isLessThanOrEqualTo(a.engine().config().dropScore());
        });
    }

    @Test
    void anOversizeBodyIsRefusedBeforeTheEngine() throws Exception {
        byte[] huge = new byte[a.engine().config().maxBodyBytes() + 1];
        java.util.Arrays.fill(huge, (byte) ' ');

        HttpPeerClient.Answer answer = post(a, "/send", huge);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(a.packets().countLive(cluster.clock.now())).isZero();
    }

    @Test
    void unknownPathsAndWrongMethodsAreAnsweredAsSuch() throws Exception {
        assertThat(post(a, "/nope", new byte[0]).status()).isEqualTo(404);
        assertThat(post(a, "/status", new byte[0]).status()).isEqualTo(405);
        HttpPeerClient http = HttpPeerClient.create();
        HttpPeerClient.Answer status = http.get(URI.create(a.engine().origin() + "/status"));
        assertThat(status.status()).isEqualTo(200);
        assertThat(text(status)).contains("\"load\"");
        HttpPeerClient.Answer version = http.get(URI.create(a.engine().origin() + "/version"));
        assertThat(text(version)).contains("j2").contains(a.engine().origin());
    }

    /** A packet store that says it stored a packet and forgets it: a peer that drops packets. */
    private static final class DroppingPacketStore implements PacketStore {
        private final PacketStore inner;

        DroppingPacketStore(PacketStore inner) {
            this.inner = inner;
        }

        @Override
        public boolean insert(StoredPacket packet) {
            return true;
        }

        @Override
        public Optional<StoredPacket> find(PacketHash hash) {
            return inner.find(hash);
        }

        @Override
        public List<StoredPacket> findByRecipient(String recipient, Instant now, int limit) {
            return inner.findByRecipient(recipient, now, limit);
        }

        @Override
        public List<PacketHash> syncHashesAfter(Optional<PacketHash> after, Instant now, int limit) {
            return inner.syncHashesAfter(after, now, limit);
        }

        @Override
        public Set<PacketHash> heldLive(Collection<PacketHash> hashes, Instant now) {
            return inner.heldLive(hashes, now);
        }

        @Override
        public boolean delete(PacketHash hash) {
            return inner.delete(hash);
        }

        @Override
        public List<StoredPacket> expired(Instant now, int limit) {
            return inner.expired(now, limit);
        }

        @Override
        public long countLive(Instant now) {
            return inner.countLive(now);
        }
    }
}
