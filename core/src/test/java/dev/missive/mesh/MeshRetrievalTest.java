package dev.missive.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MeshProfile;
import dev.missive.mesh.model.MessageType;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.mesh.wire.MeshJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fetch and discard: signed, audience-bound, fresh, single use; only the recipient erases. */
class MeshRetrievalTest {

    private final MeshNet net = new MeshNet();
    private final MeshNet.Node a = net.add("http://127.0.0.1:7001", "server-a");
    private final MeshClient alice = net.client("alice", new ArrayList<>());
    private final MeshClient bob = net.client("bob", new ArrayList<>());
    private final MeshClient mallory = net.client("mallory", new ArrayList<>());

    private MeshPacket sendToBob(String text) throws Exception {
        MeshPacket packet =
                alice.seal(bob.publicKey(), MessageType.MESSAGE, "c", text).packet();
        assertThat(a.server().handle(MeshEndpoint.SEND, alice.sendBody(packet)).httpStatus())
                .isEqualTo(200);
        return packet;
    }

    private MeshReply fetch(byte[] body) {
        return a.server().handle(MeshEndpoint.FETCH_BY_RECIPIENT, body);
    }

    @Test
    void recipientFetchesItsPacketsAndOnlyThose() throws Exception {
        MeshPacket toBob = sendToBob("one");
        alice.seal(mallory.publicKey(), MessageType.MESSAGE, "c", "other").packet();
        MeshReply reply = fetch(bob.fetchByRecipientRequest(a.origin()));
        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(MeshJson.decodeFetchReply(reply.body(), 1 << 20).messages()).containsExactly(toBob);
        MeshReply malloryReply = fetch(mallory.fetchByRecipientRequest(a.origin()));
        assertThat(MeshJson.decodeFetchReply(malloryReply.body(), 1 << 20).messages())
                .isEmpty();
    }

    @Test
    void replayedFetchIsRefused() throws Exception {
        sendToBob("one");
        byte[] request = bob.fetchByRecipientRequest(a.origin());
        assertThat(fetch(request).httpStatus()).isEqualTo(200);
        MeshReply replay = fetch(request);
        assertThat(replay.httpStatus()).isEqualTo(401);
        assertThat(replay.bodyText()).isEqualTo("{\"error\":\"replayed\"}");
    }

    @Test
    void requestForAnotherAudienceIsRefused() {
        MeshReply reply = fetch(bob.fetchByRecipientRequest("http://127.0.0.1:7002"));
        assertThat(reply.httpStatus()).isEqualTo(401);
        assertThat(reply.bodyText()).contains("wrong_audience");
    }

    @Test
    void staleAndFutureTimestampsAreRefused() {
        byte[] old = bob.fetchByRecipientRequest(a.origin());
        net.clock.advance(Duration.ofMinutes(5).plusMillis(1));
        assertThat(fetch(old).bodyText()).contains("stale");
        byte[] early = bob.fetchByRecipientRequest(a.origin());
        net.clock.advance(Duration.ofMinutes(-10).minusMillis(2));
        assertThat(fetch(early).bodyText()).contains("stale");
    }

    @Test
    void requestSignedByAnotherKeyIsRefused() {
        String forged = new String(mallory.fetchByRecipientRequest(a.origin()), StandardCharsets.UTF_8)
                .replace(mallory.publicKey(), bob.publicKey());
        MeshReply reply = fetch(forged.getBytes(StandardCharsets.UTF_8));
        assertThat(reply.httpStatus()).isEqualTo(401);
        assertThat(reply.bodyText()).contains("bad_signature");
    }

    @Test
    void discardErasesAndTheHashNeverComesBack() throws Exception {
        MeshPacket packet = sendToBob("one");
        MeshReply reply =
                a.server().handle(MeshEndpoint.DISCARD, bob.discardRequest(a.origin(), List.of(packet.hash())));
        assertThat(reply.bodyText()).isEqualTo("{\"discarded\":1}");
        assertThat(a.packets().find(packet.hash())).isEmpty();
        assertThat(a.tombstones().present(List.of(packet.hash()), net.clock.now()))
                .containsExactly(packet.hash());
        MeshReply again = a.server().handle(MeshEndpoint.SEND, alice.sendBody(packet));
        assertThat(again.httpStatus()).isEqualTo(410);
        assertThat(again.bodyText()).contains("gone");
        assertThat(MeshJson.decodeFetchReply(
                                fetch(bob.fetchByRecipientRequest(a.origin())).body(), 1 << 20)
                        .messages())
                .isEmpty();
    }

    @Test
    void discardByAnotherKeyErasesNothingAndLeavesNoTombstone() throws Exception {
        MeshPacket packet = sendToBob("one");
        MeshReply reply =
                a.server().handle(MeshEndpoint.DISCARD, mallory.discardRequest(a.origin(), List.of(packet.hash())));
        assertThat(reply.bodyText()).isEqualTo("{\"discarded\":0}");
        assertThat(a.packets().find(packet.hash())).isPresent();
        assertThat(a.tombstones().present(List.of(packet.hash()), net.clock.now()))
                .isEmpty();
    }

    @Test
    void replayedDiscardIsRefused() throws Exception {
        MeshPacket first = sendToBob("one");
        byte[] discard = bob.discardRequest(a.origin(), List.of(first.hash()));
        assertThat(a.server().handle(MeshEndpoint.DISCARD, discard).httpStatus())
                .isEqualTo(200);
        assertThat(a.server().handle(MeshEndpoint.DISCARD, discard).bodyText()).contains("replayed");
        MeshReply elsewhere = a.server()
                .handle(MeshEndpoint.DISCARD, bob.discardRequest("https://other.example", List.of(first.hash())));
        assertThat(elsewhere.bodyText()).contains("wrong_audience");
    }

    @Test
    void clientFetchByHashAnswersOnlyTheSignersPackets() throws Exception {
        MeshPacket toBob = sendToBob("one");
        MeshPacket toMallory =
                alice.seal(mallory.publicKey(), MessageType.MESSAGE, "c", "m").packet();
        a.server().handle(MeshEndpoint.SEND, alice.sendBody(toMallory));
        List<PacketHash> both = List.of(toBob.hash(), toMallory.hash());
        MeshReply reply = a.server().handle(MeshEndpoint.FETCH_BY_HASH, bob.fetchByHashRequest(a.origin(), both));
        assertThat(MeshJson.decodeFetchReply(reply.body(), 1 << 20).messages()).containsExactly(toBob);
    }

    @Test
    void legacyFetchIsOffByDefaultAndInsecureWhenOn() throws Exception {
        MeshPacket packet = sendToBob("one");
        MeshReply off = a.server().handle(MeshEndpoint.FETCH, bob.j1FetchRequest());
        assertThat(off.httpStatus()).isEqualTo(404);
        assertThat(off.bodyText()).contains("profile_disabled");

        MeshNet legacy = new MeshNet();
        MeshNet.Node open = legacy.add(
                "http://127.0.0.1:7003",
                "server-c",
                MeshNet.config().withProfile(MeshProfile.J1).withProfile(MeshProfile.D0),
                s -> s);
        open.server().handle(MeshEndpoint.SEND, alice.sendBody(packet));
        // J1: anyone names a recipient and gets its packets
        MeshReply j1 = open.server()
                .handle(
                        MeshEndpoint.FETCH,
                        MeshJson.encodeJ1Fetch(
                                MeshCrypto.encodeKey(MeshTestKeys.key("bob").publicKey())));
        assertThat(MeshJson.decodeFetchReply(j1.body(), 1 << 20).messages()).containsExactly(packet);
        // D0: the phrase signature works, and works again (replayable by design of D0)
        byte[] d0 = bob.d0FetchRequest();
        assertThat(MeshJson.decodeFetchReply(
                                open.server().handle(MeshEndpoint.FETCH, d0).body(), 1 << 20)
                        .messages())
                .containsExactly(packet);
        assertThat(open.server().handle(MeshEndpoint.FETCH, d0).httpStatus()).isEqualTo(200);
        String forged = new String(mallory.d0FetchRequest(), StandardCharsets.UTF_8)
                .replace(mallory.publicKey(), bob.publicKey());
        assertThat(open.server()
                        .handle(MeshEndpoint.FETCH, forged.getBytes(StandardCharsets.UTF_8))
                        .bodyText())
                .contains("bad_signature");
        assertThat(open.server().handle(MeshEndpoint.VERSION, new byte[0]).bodyText())
                .contains("\"profiles\":[\"j2\",\"j1\",\"d0\"]");
    }
}
