package dev.missive.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPss;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MessageType;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.PeerStatus;
import dev.missive.mesh.model.RequestPurpose;
import dev.missive.mesh.model.SignedRequest;
import dev.missive.mesh.spi.PacketStore;
import dev.missive.mesh.spi.StoredPacket;
import dev.missive.mesh.wire.ForwardedTombstone;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.mesh.wire.MeshJson;
import dev.missive.mesh.wire.SyncPushRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Three servers in one process: replication, tombstones, expiry, stale ingests, misbehaving peers.
 * Nothing removed ever comes back through sync, in any direction.
 */
class MeshSyncTest {

    private static final String A = "http://127.0.0.1:7001";
    private static final String B = "http://127.0.0.1:7002";
    private static final String C = "http://127.0.0.1:7003";

    private final MeshNet net = new MeshNet();
    private final MeshClient alice = net.client("alice", new ArrayList<>());
    private final MeshClient bob = net.client("bob", new ArrayList<>());
    private final MeshClient mallory = net.client("mallory", new ArrayList<>());
    private int nonces;

    private MeshPacket sendToBob(MeshNet.Node server, String text) throws Exception {
        MeshPacket packet =
                alice.seal(bob.publicKey(), MessageType.MESSAGE, "c", text).packet();
        assertThat(server.server()
                        .handle(MeshEndpoint.SEND, alice.sendBody(packet))
                        .httpStatus())
                .isEqualTo(200);
        return packet;
    }

    private List<String> fetchBob(MeshNet.Node server) throws Exception {
        MeshReply reply =
                server.server().handle(MeshEndpoint.FETCH_BY_RECIPIENT, bob.fetchByRecipientRequest(server.origin()));
        return bob.openFetchReply(reply.httpStatus(), reply.body()).messages().stream()
                .map(m -> m.message().content())
                .toList();
    }

    private static boolean holds(MeshNet.Node node, PacketHash hash, Instant now) {
        return !node.packets().heldLive(List.of(hash), now).isEmpty();
    }

    /** A - B - C in a line: A and C are not peers. */
    private MeshNet.Node[] line() {
        MeshNet.Node a = net.add(A, "server-a");
        MeshNet.Node b = net.add(B, "server-b");
        MeshNet.Node c = net.add(C, "server-c");
        a.server().addPeer(B);
        b.server().addPeer(A);
        b.server().addPeer(C);
        c.server().addPeer(B);
        return new MeshNet.Node[] {a, b, c};
    }

    private void syncLine(MeshNet.Node[] n) {
        net.sync(n[0], n[1]);
        net.sync(n[1], n[0]);
        net.sync(n[1], n[2]);
        net.sync(n[2], n[1]);
    }

    @Test
    void messageSentThroughAIsFetchedFromCAfterSync() throws Exception {
        MeshNet.Node[] n = line();
        sendToBob(n[0], "through the mesh");
        assertThat(fetchBob(n[2])).isEmpty();
        net.sync(n[1], n[0]); // B pulls from A
        net.sync(n[2], n[1]); // C pulls from B
        assertThat(fetchBob(n[2])).containsExactly("through the mesh");
        assertThat(n[2].events(MeshEvent.PacketAccepted.class))
                .singleElement()
                .extracting(MeshEvent.PacketAccepted::peer)
                .isEqualTo(Optional.of(B));
    }

    @Test
    void syncPushesWhatThePeerLacksInTheSameRound() throws Exception {
        MeshNet.Node[] n = line();
        MeshPacket packet = sendToBob(n[0], "pushed");
        List<MeshCall> calls = net.sync(n[0], n[1]); // A drives, B lacks it: A pushes
        assertThat(calls)
                .extracting(MeshCall::endpoint)
                .containsExactly(MeshEndpoint.SYNC_HASHES, MeshEndpoint.SYNC_PUSH);
        assertThat(holds(n[1], packet.hash(), net.clock.now())).isTrue();
        assertThat(n[0].events(MeshEvent.SyncCompleted.class))
                .singleElement()
                .isEqualTo(new MeshEvent.SyncCompleted(net.clock.now(), B, 0, 1));
    }

    @Test
    void pagedSyncCarriesEverythingBothWays() throws Exception {
        MeshConfig small = MeshNet.config().withSyncPageSize(2);
        MeshNet.Node a = net.add(A, "server-a", small, s -> s);
        MeshNet.Node b = net.add(B, "server-b", small, s -> s);
        net.connect(a, b);
        List<PacketHash> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(sendToBob(a, "a" + i).hash());
        }
        for (int i = 0; i < 3; i++) {
            all.add(sendToBob(b, "b" + i).hash());
        }
        net.sync(a, b);
        Instant now = net.clock.now();
        assertThat(a.packets().heldLive(all, now)).hasSize(8);
        assertThat(b.packets().heldLive(all, now)).hasSize(8);
        assertThat(fetchBob(b)).hasSize(8);
    }

    @Test
    void discardedPacketsDoNotReturnInAnyDirection() throws Exception {
        MeshNet.Node[] n = line();
        MeshPacket packet = sendToBob(n[0], "soon gone");
        syncLine(n);
        Instant now = net.clock.now();
        for (MeshNet.Node node : n) {
            assertThat(holds(node, packet.hash(), now)).isTrue();
        }
        // Bob discards at B: B's proof names B, so A and C (B's peers) apply it
        n[1].server().handle(MeshEndpoint.DISCARD, bob.discardRequest(B, List.of(packet.hash())));
        for (int round = 0; round < 3; round++) {
            syncLine(n);
        }
        now = net.clock.now();
        for (MeshNet.Node node : n) {
            assertThat(holds(node, packet.hash(), now)).as(node.origin()).isFalse();
            assertThat(fetchBob(node)).isEmpty();
        }
        assertThat(n[0].events(MeshEvent.Discarded.class))
                .extracting(MeshEvent.Discarded::peer)
                .contains(Optional.of(B));
    }

    @Test
    void aDiscardAtTheEdgeStaysAtTheEdgeButNothingComesBack() throws Exception {
        MeshNet.Node[] n = line();
        MeshPacket packet = sendToBob(n[0], "edge");
        syncLine(n);
        // discarded at C: B applies C's proof, A (two hops away) keeps its copy until expiry
        n[2].server().handle(MeshEndpoint.DISCARD, bob.discardRequest(C, List.of(packet.hash())));
        for (int round = 0; round < 3; round++) {
            syncLine(n);
        }
        Instant now = net.clock.now();
        assertThat(holds(n[2], packet.hash(), now)).isFalse();
        assertThat(holds(n[1], packet.hash(), now)).isFalse();
        assertThat(holds(n[0], packet.hash(), now)).isTrue();
    }

    @Test
    void expiredPacketsDoNotReturnInAnyDirection() throws Exception {
        MeshNet.Node[] n = line();
        MeshPacket packet = sendToBob(n[0], "expires");
        syncLine(n);
        net.clock.advance(Duration.ofDays(7));
        // only A has cleaned up; B and C still hold the expired rows
        n[0].server().cleanUp();
        for (int round = 0; round < 2; round++) {
            syncLine(n);
        }
        Instant now = net.clock.now();
        assertThat(n[0].packets().find(packet.hash())).isEmpty();
        for (MeshNet.Node node : n) {
            assertThat(holds(node, packet.hash(), now)).isFalse();
            assertThat(fetchBob(node)).isEmpty();
        }
        n[1].server().cleanUp();
        n[2].server().cleanUp();
        syncLine(n);
        for (MeshNet.Node node : n) {
            assertThat(node.packets().find(packet.hash())).as(node.origin()).isEmpty();
        }
    }

    @Test
    void staleIngestFromAPeerIsRefused() throws Exception {
        MeshNet.Node a = net.add(A, "server-a");
        MeshNet.Node b = net.add(B, "server-b");
        net.connect(a, b);
        MeshPacket old = sendToBob(a, "old");
        net.clock.advance(Duration.ofDays(7).plusSeconds(1));
        // A pushes the expired packet anyway (a buggy or malicious peer)
        SignedRequest auth = serverSigned(a, RequestPurpose.SYNC_PUSH, B, List.of(old.hash()));
        byte[] push = MeshJson.encodeSyncPush(new SyncPushRequest(a.server().entry(), auth, List.of(old), List.of()));
        MeshReply reply = b.server().handle(MeshEndpoint.SYNC_PUSH, push);
        assertThat(reply.bodyText()).isEqualTo("{\"accepted\":[]}");
        assertThat(b.packets().find(old.hash())).isEmpty();
        assertThat(b.events(MeshEvent.RequestRefused.class))
                .extracting(MeshEvent.RequestRefused::error)
                .containsExactly(MeshError.STALE);
        assertThat(b.peer(A).score()).isEqualTo(75);
    }

    @Test
    void aDiscardSignedByANonRecipientErasesNothingHereOrOnPeers() throws Exception {
        MeshNet.Node[] n = line();
        MeshPacket packet = sendToBob(n[0], "keep me");
        syncLine(n);
        MeshReply reply = n[1].server().handle(MeshEndpoint.DISCARD, mallory.discardRequest(B, List.of(packet.hash())));
        assertThat(reply.bodyText()).isEqualTo("{\"discarded\":0}");
        syncLine(n);
        Instant now = net.clock.now();
        for (MeshNet.Node node : n) {
            assertThat(holds(node, packet.hash(), now)).as(node.origin()).isTrue();
        }
    }

    @Test
    void aForwardedProofNamingAnotherServerOrAnotherRecipientIsNotApplied() throws Exception {
        MeshNet.Node[] n = line();
        MeshPacket packet = sendToBob(n[0], "keep me");
        syncLine(n);
        Instant now = net.clock.now();
        // Bob really discarded at C, but A forwards that proof to B: its audience is not the forwarder
        SignedRequest bobsProof = decodeProof(bob.discardRequest(C, List.of(packet.hash())));
        // Mallory's discard with audience A, forwarded by A, for a packet addressed to Bob
        SignedRequest mallorysProof = decodeProof(mallory.discardRequest(A, List.of(packet.hash())));
        for (SignedRequest proof : List.of(bobsProof, mallorysProof)) {
            SignedRequest auth = serverSigned(n[0], RequestPurpose.SYNC_PUSH, B, List.of(packet.hash()));
            byte[] push = MeshJson.encodeSyncPush(new SyncPushRequest(
                    n[0].server().entry(), auth, List.of(), List.of(new ForwardedTombstone(packet.hash(), proof))));
            assertThat(n[1].server().handle(MeshEndpoint.SYNC_PUSH, push).httpStatus())
                    .isEqualTo(200);
        }
        assertThat(holds(n[1], packet.hash(), now)).isTrue();
        assertThat(n[1].tombstones().present(List.of(packet.hash()), now)).isEmpty();
    }

    @Test
    void aPeerThatAcceptsButDoesNotOfferIsScoredDownAndDropped() throws Exception {
        MeshNet.Node a = net.add(A, "server-a");
        MeshNet.Node hole = net.add(B, "server-b", MeshNet.config(), BlackHole::new);
        net.connect(a, hole);
        sendToBob(a, "one");
        sendToBob(a, "two");
        net.sync(a, hole); // hole wants both, A pushes, hole claims to accept them
        assertThat(a.peers().checks(B)).hasSize(2);
        net.sync(a, hole); // within the bound: no penalty yet
        assertThat(a.peer(B).score()).isEqualTo(100);
        net.clock.advance(Duration.ofMinutes(11));
        net.sync(a, hole);
        assertThat(a.peer(B).status()).isEqualTo(PeerStatus.DROPPED);
        assertThat(a.peer(B).score()).isZero();
        assertThat(a.events(MeshEvent.PeerDropped.class))
                .singleElement()
                .extracting(MeshEvent.PeerDropped::peer)
                .isEqualTo(B);
        assertThat(a.server().startSync(B)).isEmpty();
        assertThat(a.server().syncTargets()).isEmpty();
        assertThat(a.server().handle(MeshEndpoint.PEERS, new byte[0]).bodyText())
                .contains("\"url\":\"" + B + "\"")
                .contains("\"score\":0,\"status\":\"dropped\"");
        // and the dropped peer's own sync requests are refused
        List<MeshCall> refused = net.sync(hole, a);
        assertThat(refused).hasSize(1);
        assertThat(a.events(MeshEvent.RequestRefused.class))
                .extracting(MeshEvent.RequestRefused::error)
                .containsExactly(MeshError.UNKNOWN_PEER);
    }

    @Test
    void aPeerServingInvalidPacketsIsScoredDownAndNothingInvalidIsStored() throws Exception {
        MeshNet.Node a = net.add(A, "server-a");
        MeshNet.Node liar = net.add(B, "server-b", MeshNet.config(), Tampering::new);
        net.connect(a, liar);
        MeshPacket packet = sendToBob(liar, "tampered in transit");
        net.sync(a, liar); // A pulls by hash, liar answers with altered content
        assertThat(a.packets().find(packet.hash())).isEmpty();
        assertThat(a.peer(B).score()).isEqualTo(75);
        assertThat(a.events(MeshEvent.PeerScored.class))
                .extracting(MeshEvent.PeerScored::reason)
                .containsExactly(MeshEvent.ScoreReason.INVALID_PACKET);
    }

    @Test
    void serverListsTeachSignedPeersAndPinKeys() throws Exception {
        MeshNet.Node[] n = line();
        syncLine(n); // B pins C's key from C's signed requests
        net.exchangeServers(n[0], n[1]);
        assertThat(n[0].server().syncTargets()).containsExactly(B, C);
        assertThat(n[0].peer(C).key())
                .contains(MeshCrypto.encodeKey(MeshTestKeys.key("server-c").publicKey()));
        assertThat(n[0].events(MeshEvent.PeerAdded.class))
                .extracting(MeshEvent.PeerAdded::learnedFrom)
                .containsExactly(Optional.empty(), Optional.of(B));
        // an impostor claiming B's origin with another key is refused by A
        MeshNet other = new MeshNet();
        MeshNet.Node impostor = other.add(B, "mallory");
        impostor.server().addPeer(A);
        List<MeshCall> calls = impostor.server().startSync(A);
        MeshReply refused =
                n[0].server().handle(MeshEndpoint.SYNC_HASHES, calls.getFirst().body());
        assertThat(refused.bodyText()).contains("unknown_peer");
    }

    @Test
    void privateAddressesAreNotLearnedUnlessAllowed() throws Exception {
        MeshNet strict = new MeshNet();
        MeshNet.Node a = strict.add(A, "server-a", MeshConfig.DEFAULTS, s -> s);
        MeshNet.Node b = strict.add(B, "server-b", MeshConfig.DEFAULTS, s -> s);
        b.server().addPeer(A);
        List<MeshCall> calls = b.server().startSync(A);
        assertThat(a.server()
                        .handle(MeshEndpoint.SYNC_HASHES, calls.getFirst().body())
                        .bodyText())
                .contains("unknown_peer");
        a.server().addPeer(B); // configured peers are always allowed
        assertThat(strict.sync(b, a)).hasSize(1);
        assertThat(b.peer(A).lastSync()).isPresent();
    }

    private static SignedRequest decodeProof(byte[] discardBody) throws Exception {
        return MeshJson.decodeSignedRequest(discardBody, 1 << 20, RequestPurpose.DISCARD);
    }

    /** A request signed by {@code node}'s server key, as its sync driver would. */
    private SignedRequest serverSigned(
            MeshNet.Node node, RequestPurpose purpose, String audience, List<PacketHash> hashes) {
        var key = MeshTestKeys.key(
                node.origin().equals(A) ? "server-a" : node.origin().equals(B) ? "server-b" : "server-c");
        String signer = MeshCrypto.encodeKey(key.publicKey());
        Instant at = net.clock.now();
        String nonce = String.format("%032x", ++nonces);
        SignedRequest unsigned = new SignedRequest(purpose, audience, signer, at, nonce, hashes, "");
        String signature = Encodings.base64(RsaPss.sign(key, MeshCrypto.requestSigningString(unsigned)));
        return new SignedRequest(purpose, audience, signer, at, nonce, hashes, signature);
    }

    /** A store that claims to keep what it is given and keeps nothing. */
    private record BlackHole(PacketStore inner) implements PacketStore {
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

    /** A store that hands out altered packets under their original hash. */
    private record Tampering(PacketStore inner) implements PacketStore {
        @Override
        public boolean insert(StoredPacket packet) {
            return inner.insert(packet);
        }

        @Override
        public Optional<StoredPacket> find(PacketHash hash) {
            return inner.find(hash)
                    .map(p -> new StoredPacket(
                            new MeshPacket(
                                    p.packet().recipient(),
                                    p.packet().signature(),
                                    p.packet().message(),
                                    hash),
                            p.profile(),
                            p.firstSeen(),
                            p.expiresAt()));
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
