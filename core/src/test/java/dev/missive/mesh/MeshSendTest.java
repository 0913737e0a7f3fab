package dev.missive.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.Encodings;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code POST /send}: what a server stores, and what it refuses without storing. */
class MeshSendTest {

    private final MeshNet net = new MeshNet();
    private final MeshNet.Node a = net.add("http://127.0.0.1:7001", "server-a");
    private final List<MeshEvent> aliceEvents = new ArrayList<>();
    private final MeshClient alice = net.client("alice", aliceEvents);
    private final MeshClient bob = net.client("bob", new ArrayList<>());

    private MeshPacket packetToBob(String text) throws Exception {
        return alice.seal(bob.publicKey(), MessageType.MESSAGE, alice.newChannelId(), text)
                .packet();
    }

    private MeshReply send(MeshPacket packet) {
        return a.server().handle(MeshEndpoint.SEND, MeshJson.encodePacket(packet));
    }

    private boolean stored(PacketHash hash) {
        return a.packets().find(hash).isPresent();
    }

    @Test
    void validPacketIsStoredAndAnsweredWithItsHash() throws Exception {
        MeshPacket packet = packetToBob("hello");
        MeshReply reply = send(packet);
        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(reply.bodyText()).isEqualTo("{\"hash\":\"" + packet.hash().hex() + "\"}");
        assertThat(a.packets().find(packet.hash()).orElseThrow().packet()).isEqualTo(packet);
        assertThat(a.packets().find(packet.hash()).orElseThrow().expiresAt())
                .isEqualTo(MeshNet.START.plus(Duration.ofDays(7)));
        // sending it again is harmless
        assertThat(send(packet).httpStatus()).isEqualTo(200);
    }

    @Test
    void wrongHashIsRefusedAndNotStored() throws Exception {
        MeshPacket packet = packetToBob("hello");
        PacketHash wrong = MeshCrypto.j1Hash(packet.message());
        MeshReply reply = send(new MeshPacket(packet.recipient(), packet.message(), packet.signature(), wrong));
        assertThat(reply.httpStatus()).isEqualTo(400);
        assertThat(reply.bodyText()).contains("hash_mismatch");
        assertThat(stored(wrong)).isFalse();
        assertThat(stored(packet.hash())).isFalse();
    }

    @Test
    void malformedEnvelopeIsRefusedAndNotStored() throws Exception {
        MeshPacket good = packetToBob("hello");
        byte[] envelope = Encodings.fromBase64(good.message());
        envelope[0] = 2; // another version
        String message = Encodings.base64(envelope);
        MeshPacket bad = withHash(good.recipient(), message, good.signature());
        MeshReply reply = send(bad);
        assertThat(reply.httpStatus()).isEqualTo(400);
        assertThat(reply.bodyText()).contains("bad_envelope");
        assertThat(stored(bad.hash())).isFalse();

        MeshPacket notBase64 = withHash(good.recipient(), "not base64!", good.signature());
        assertThat(send(notBase64).bodyText()).contains("bad_envelope");
        MeshPacket truncated = withHash(good.recipient(), Encodings.base64(new byte[40]), good.signature());
        assertThat(send(truncated).bodyText()).contains("bad_envelope");
        assertThat(stored(notBase64.hash())).isFalse();
    }

    @Test
    void staleOrFutureTimestampIsRefusedAndNotStored() throws Exception {
        MeshPacket packet = packetToBob("hello");
        net.clock.advance(Duration.ofMinutes(6));
        MeshReply reply = send(packet);
        assertThat(reply.httpStatus()).isEqualTo(400);
        assertThat(reply.bodyText()).contains("stale");
        assertThat(stored(packet.hash())).isFalse();

        // sealed "in the future" relative to the server: the server's clock is behind
        MeshNet other = new MeshNet();
        MeshNet.Node late = other.add("http://127.0.0.1:7009", "server-c");
        other.clock.advance(Duration.ofMinutes(-6));
        MeshPacket fresh = packetToBob("later");
        MeshReply future = late.server().handle(MeshEndpoint.SEND, MeshJson.encodePacket(fresh));
        assertThat(future.bodyText()).contains("stale");
    }

    @Test
    void oversizeBodyIsRefusedAndNotStored() throws Exception {
        MeshPacket packet = packetToBob("hello");
        String padding = " ".repeat(70 * 1024);
        byte[] body = ("{\"recipient\":\"" + packet.recipient() + "\",\"message\":\"" + packet.message()
                        + "\",\"signature\":\"" + packet.signature() + "\",\"hash\":\""
                        + packet.hash().hex()
                        + "\"" + padding + "}")
                .getBytes(StandardCharsets.UTF_8);
        MeshReply reply = a.server().handle(MeshEndpoint.SEND, body);
        assertThat(reply.httpStatus()).isEqualTo(413);
        assertThat(reply.bodyText()).contains("too_large");
        assertThat(stored(packet.hash())).isFalse();
    }

    @Test
    void recipientMustBeACanonicalRsa4096Key() throws Exception {
        MeshPacket packet = packetToBob("hello");
        String legacy = MeshCrypto.encodeKey(MeshTestKeys.key("legacy-2048").publicKey());
        MeshPacket small = withHash(legacy, packet.message(), packet.signature());
        assertThat(send(small).bodyText()).contains("bad_key");
        MeshPacket garbage = withHash("AAAA", packet.message(), packet.signature());
        assertThat(send(garbage).bodyText()).contains("bad_key");
    }

    @Test
    void aSecondSendWithTheSameHashAndOtherContentCannotReplaceOrReaddressTheFirst() throws Exception {
        MeshPacket first = packetToBob("hello");
        assertThat(send(first).httpStatus()).isEqualTo(200);
        MeshPacket carolCopy = packetToBob("other");
        String carol = MeshCrypto.encodeKey(MeshTestKeys.key("carol").publicKey());
        // re-addressed, or other content, under the first packet's hash
        for (MeshPacket forged : List.of(
                new MeshPacket(carol, first.message(), first.signature(), first.hash()),
                new MeshPacket(first.recipient(), carolCopy.message(), first.signature(), first.hash()),
                new MeshPacket(first.recipient(), first.message(), carolCopy.signature(), first.hash()))) {
            MeshReply reply = send(forged);
            assertThat(reply.httpStatus()).isEqualTo(400);
            assertThat(reply.bodyText()).contains("hash_mismatch");
        }
        assertThat(a.packets().find(first.hash()).orElseThrow().packet()).isEqualTo(first);
    }

    @Test
    void inJ1TheFirstPacketWinsAgainstAReaddressedCopy() throws Exception {
        MeshNet legacyNet = new MeshNet();
        MeshNet.Node j1 = legacyNet.add(
                "http://127.0.0.1:7002", "server-b", MeshNet.config().withProfile(MeshProfile.J1), s -> s);
        MeshPacket packet = packetToBob("hello");
        PacketHash j1Hash = MeshCrypto.j1Hash(packet.message());
        MeshPacket first = new MeshPacket(packet.recipient(), packet.message(), packet.signature(), j1Hash);
        assertThat(j1.server()
                        .handle(MeshEndpoint.SEND, MeshJson.encodePacket(first))
                        .httpStatus())
                .isEqualTo(200);
        String carol = MeshCrypto.encodeKey(MeshTestKeys.key("carol").publicKey());
        MeshPacket readdressed = new MeshPacket(carol, packet.message(), "x", j1Hash);
        MeshReply reply = j1.server().handle(MeshEndpoint.SEND, MeshJson.encodePacket(readdressed));
        assertThat(reply.httpStatus()).isEqualTo(409);
        assertThat(reply.bodyText()).contains("conflict");
        assertThat(j1.packets().find(j1Hash).orElseThrow().packet()).isEqualTo(first);
        // and a J2 server does not take J1 packets at all
        assertThat(send(first).bodyText()).contains("hash_mismatch");
    }

    @Test
    void malformedJsonIsRefused() {
        for (String body : List.of("", "[]", "{", "{\"recipient\":1}", "{\"a\":1,\"a\":2}", "{} {}")) {
            MeshReply reply = a.server().handle(MeshEndpoint.SEND, body.getBytes(StandardCharsets.UTF_8));
            assertThat(reply.httpStatus()).as(body).isEqualTo(400);
            assertThat(reply.bodyText()).as(body).isEqualTo("{\"error\":\"malformed\"}");
        }
        assertThat(a.events(MeshEvent.RequestRefused.class)).hasSize(6);
        assertThat(a.packets().countLive(net.clock.now())).isZero();
    }

    @Test
    void statusVersionAndServersAnswer() {
        assertThat(a.server().handle(MeshEndpoint.VERSION, new byte[0]).bodyText())
                .startsWith("{\"profiles\":[\"j2\"],\"origin\":\"http://127.0.0.1:7001\",\"key\":\"");
        assertThat(a.server().handle(MeshEndpoint.STATUS, new byte[0]).bodyText())
                .isEqualTo("{\"load\":2,\"packets\":0}");
        assertThat(a.server().handle(MeshEndpoint.SERVERS, new byte[0]).bodyText())
                .contains("\"url\":\"http://127.0.0.1:7001\"");
        assertThat(a.server().handle(MeshEndpoint.PEERS, new byte[0]).bodyText())
                .isEqualTo("{\"peers\":[]}");
        assertThat(aliceEvents).isEmpty();
        assertThat(Optional.of(a.server().entry().url())).contains("http://127.0.0.1:7001");
    }

    private static MeshPacket withHash(String recipient, String message, String signature) {
        return new MeshPacket(recipient, message, signature, MeshCrypto.packetHash(recipient, message, signature));
    }
}
