package dev.missive.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPss;
import dev.missive.mesh.client.FetchResult;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.client.MeshKeys;
import dev.missive.mesh.client.ReceivedMessage;
import dev.missive.mesh.client.SealedMessage;
import dev.missive.mesh.client.ServerChoice;
import dev.missive.mesh.client.ServerLoad;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.MeshMessage;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MessageType;
import dev.missive.mesh.wire.Envelope;
import dev.missive.mesh.wire.EnvelopeField;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.mesh.wire.MeshJson;
import dev.missive.testing.SeededRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client: seal/open, and a packet that passes every server check but fails at the recipient
 * (bad signature, another recipient's binding) is dropped there with a security event.
 */
class MeshClientTest {

    private final MeshNet net = new MeshNet();
    private final MeshNet.Node a = net.add("http://127.0.0.1:7001", "server-a");
    private final MeshClient alice = net.client("alice", new ArrayList<>());
    private final List<MeshEvent> bobEvents = new ArrayList<>();
    private final MeshClient bob = net.client("bob", bobEvents);
    private final List<MeshEvent> malloryEvents = new ArrayList<>();
    private final MeshClient mallory = net.client("mallory", malloryEvents);

    @Test
    void sealedPacketOpensAtTheRecipientOnly() throws Exception {
        String channel = alice.newChannelId();
        MeshPacket packet = alice.seal(bob.publicKey(), MessageType.MESSAGE, channel, "hello **bob**")
                .packet();
        ReceivedMessage received = bob.open(packet).orElseThrow();
        MeshMessage message = received.message();
        assertThat(message.sender()).isEqualTo(alice.publicKey());
        assertThat(message.content()).isEqualTo("hello **bob**");
        assertThat(message.channelId()).isEqualTo(channel);
        assertThat(message.type()).isEqualTo(MessageType.MESSAGE);
        assertThat(message.timestamp()).isEqualTo(MeshNet.START);
        assertThat(message.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(Encodings.fromBase64(message.salt())).hasSize(8);
        assertThat(received.hash()).isEqualTo(packet.hash());
        assertThat(bobEvents).singleElement().isInstanceOf(MeshEvent.PacketOpened.class);

        assertThat(mallory.open(packet)).isEmpty();
        assertThat(malloryEvents)
                .singleElement()
                .isEqualTo(new MeshEvent.SecurityDrop(
                        MeshNet.START, packet.hash(), MeshEvent.DropReason.NOT_FOR_THIS_KEY));
    }

    @Test
    void secondCopyOfTheSameMessageIsIgnored() throws Exception {
        MeshPacket packet = alice.seal(bob.publicKey(), MessageType.MESSAGE, alice.newChannelId(), "hi")
                .packet();
        assertThat(bob.open(packet)).isPresent();
        assertThat(bob.open(packet)).isEmpty();
        assertThat(bobEvents).last().isInstanceOf(MeshEvent.DuplicateIgnored.class);
    }

    @Test
    void forgedSenderIsDroppedAtTheRecipientAfterPassingTheServer() throws Exception {
        // Mallory claims to be Alice: she builds the message with Alice's key as sender, signs with her own.
        var bobKey = MeshTestKeys.key("bob").publicKey();
        Instant now = net.clock.now();
        MeshMessage claim = new MeshMessage(
                alice.publicKey(), "AAAAAAAAAAA=", "c", MessageType.MESSAGE, "pay mallory", "id-1", now);
        SeededRandom random = new SeededRandom(9);
        byte[] messageEnvelope = MeshCrypto.seal(
                        EnvelopeField.MESSAGE, bobKey, now, MeshJson.encodeMessage(claim, 1024), random)
                .encode();
        byte[] signature =
                RsaPss.sign(MeshTestKeys.key("mallory"), MeshCrypto.signatureInput(bobKey.spki(), messageEnvelope));
        byte[] signatureEnvelope = MeshCrypto.seal(
                        EnvelopeField.SIGNATURE,
                        bobKey,
                        now,
                        MeshJson.encodeSignature(Encodings.base64(signature)),
                        random)
                .encode();
        MeshPacket forged = packet(bob.publicKey(), messageEnvelope, signatureEnvelope);

        assertThat(a.server()
                        .handle(MeshEndpoint.SEND, MeshJson.encodePacket(forged))
                        .httpStatus())
                .isEqualTo(200);
        assertThat(bob.open(forged)).isEmpty();
        assertThat(bobEvents)
                .singleElement()
                .isEqualTo(new MeshEvent.SecurityDrop(now, forged.hash(), MeshEvent.DropReason.BAD_SIGNATURE));
        assertThat(bobEvents.getFirst().isFailure()).isTrue();
    }

    @Test
    void messageSignedForAnotherRecipientAndReaddressedIsDropped() throws Exception {
        // Alice writes to Mallory; Mallory re-encrypts Alice's message and signature to Bob.
        MeshPacket toMallory = alice.seal(mallory.publicKey(), MessageType.MESSAGE, "c", "for mallory")
                .packet();
        var malloryKey = MeshTestKeys.key("mallory");
        byte[] messageJson = MeshCrypto.open(
                EnvelopeField.MESSAGE, malloryKey, Envelope.decode(Encodings.fromBase64(toMallory.message())));
        byte[] signatureJson = MeshCrypto.open(
                EnvelopeField.SIGNATURE, malloryKey, Envelope.decode(Encodings.fromBase64(toMallory.signature())));
        var bobKey = MeshTestKeys.key("bob").publicKey();
        SeededRandom random = new SeededRandom(11);
        Instant now = net.clock.now();
        byte[] messageEnvelope = MeshCrypto.seal(EnvelopeField.MESSAGE, bobKey, now, messageJson, random)
                .encode();
        byte[] signatureEnvelope = MeshCrypto.seal(EnvelopeField.SIGNATURE, bobKey, now, signatureJson, random)
                .encode();
        MeshPacket readdressed = packet(bob.publicKey(), messageEnvelope, signatureEnvelope);

        assertThat(a.server()
                        .handle(MeshEndpoint.SEND, MeshJson.encodePacket(readdressed))
                        .httpStatus())
                .isEqualTo(200);
        assertThat(bob.open(readdressed)).isEmpty();
        assertThat(bobEvents)
                .singleElement()
                .isEqualTo(new MeshEvent.SecurityDrop(now, readdressed.hash(), MeshEvent.DropReason.BAD_SIGNATURE));
    }

    @Test
    void swappedEnvelopesAndWrongHashAreDropped() throws Exception {
        MeshPacket packet =
                alice.seal(bob.publicKey(), MessageType.MESSAGE, "c", "x").packet();
        // the two fields swapped: associated data names the field, so neither opens as the other
        MeshPacket swapped = new MeshPacket(
                packet.recipient(),
                packet.signature(),
                packet.message(),
                MeshCrypto.packetHash(packet.recipient(), packet.signature(), packet.message()));
        assertThat(bob.open(swapped)).isEmpty();
        MeshPacket wrongHash = new MeshPacket(
                packet.recipient(), packet.message(), packet.signature(), MeshCrypto.j1Hash(packet.message()));
        assertThat(bob.open(wrongHash)).isEmpty();
        assertThat(bobEvents)
                .extracting(e -> ((MeshEvent.SecurityDrop) e).reason())
                .containsExactly(MeshEvent.DropReason.NOT_FOR_THIS_KEY, MeshEvent.DropReason.HASH_MISMATCH);
    }

    @Test
    void coverPacketsComeBackSilently() {
        MeshPacket cover = bob.coverPacket();
        assertThat(cover.recipient()).isEqualTo(bob.publicKey());
        assertThat(bob.open(cover)).isEmpty();
        assertThat(bobEvents).isEmpty();
    }

    @Test
    void coverPacketsFillTheBucketOfTheRealOneAndAreAcceptedByAServer() throws Exception {
        for (String text : List.of("hi", "a".repeat(1500), "a".repeat(5000))) {
            SealedMessage real = alice.seal(bob.publicKey(), MessageType.MESSAGE, alice.newChannelId(), text);
            List<MeshPacket> mixed = alice.withCover(real, 4);
            assertThat(mixed).hasSize(5).contains(real.packet());
            int bucket = MeshClient.bucketOf(real.packet());
            for (MeshPacket packet : mixed) {
                assertThat(MeshClient.bucketOf(packet)).isEqualTo(bucket);
                // Same bucket, same key size: every field, and so the /send body, has the same length.
                assertThat(packet.message()).hasSameSizeAs(real.packet().message());
                assertThat(packet.signature()).hasSameSizeAs(real.packet().signature());
                assertThat(packet.recipient()).hasSameSizeAs(real.packet().recipient());
                assertThat(alice.sendBody(packet)).hasSameSizeAs(alice.sendBody(real.packet()));
                assertThat(a.server()
                                .handle(MeshEndpoint.SEND, alice.sendBody(packet))
                                .httpStatus())
                        .isEqualTo(200);
            }
            List<MeshPacket> covers =
                    mixed.stream().filter(p -> !p.equals(real.packet())).toList();
            assertThat(covers).allSatisfy(c -> assertThat(c.recipient()).isEqualTo(alice.publicKey()));
            assertThat(covers).extracting(MeshPacket::hash).doesNotHaveDuplicates();
        }
        assertThatThrownBy(() -> alice.coverPacket(1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alice.coverPacket(64 * 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alice.withCover(alice.seal(bob.publicKey(), MessageType.MESSAGE, "c", "x"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRealPacketTakesEveryPositionAmongItsCover() throws Exception {
        SealedMessage real = alice.seal(bob.publicKey(), MessageType.MESSAGE, alice.newChannelId(), "x");
        java.util.Set<Integer> positions = new java.util.HashSet<>();
        for (int i = 0; i < 40 && positions.size() < 3; i++) {
            positions.add(alice.withCover(real, 2).indexOf(real.packet()));
        }
        assertThat(positions).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void coverFromAnotherSenderIsDroppedSilentlyToo() throws Exception {
        MeshPacket cover =
                alice.seal(bob.publicKey(), MessageType.COVER, "c", "filler").packet();
        assertThat(bob.open(cover)).isEmpty();
        assertThat(bobEvents).isEmpty();
    }

    @Test
    void paddingHidesTheLengthWithinABucket() throws Exception {
        MeshPacket shortOne =
                alice.seal(bob.publicKey(), MessageType.MESSAGE, "c", "a").packet();
        MeshPacket longer = alice.seal(bob.publicKey(), MessageType.MESSAGE, "c", "a".repeat(40))
                .packet();
        assertThat(shortOne.message()).hasSameSizeAs(longer.message());
        MeshPacket muchLonger = alice.seal(bob.publicKey(), MessageType.MESSAGE, "c", "a".repeat(2000))
                .packet();
        assertThat(muchLonger.message().length())
                .isGreaterThan(shortOne.message().length());
        assertThatThrownBy(() -> alice.seal(bob.publicKey(), MessageType.MESSAGE, "c", "a".repeat(40_000)))
                .isInstanceOf(MeshException.class)
                .extracting(e -> ((MeshException) e).error())
                .isEqualTo(MeshError.TOO_LARGE);
        assertThatThrownBy(() -> alice.seal("AAAA", MessageType.MESSAGE, "c", "x"))
                .isInstanceOf(MeshException.class);
    }

    @Test
    void fetchAnswerIsOpenedAndErrorsBecomeExceptions() throws Exception {
        MeshPacket packet =
                alice.seal(bob.publicKey(), MessageType.MESSAGE, "c", "x").packet();
        a.server().handle(MeshEndpoint.SEND, MeshJson.encodePacket(packet));
        MeshReply reply = a.server().handle(MeshEndpoint.FETCH_BY_RECIPIENT, bob.fetchByRecipientRequest(a.origin()));
        FetchResult result = bob.openFetchReply(reply.httpStatus(), reply.body());
        assertThat(result.messages()).extracting(m -> m.message().content()).containsExactly("x");
        assertThat(result.fetched()).containsExactly(packet.hash());
        assertThat(result.more()).isFalse();

        MeshReply replayed =
                a.server().handle(MeshEndpoint.FETCH_BY_RECIPIENT, bob.fetchByRecipientRequest("http://elsewhere"));
        assertThatThrownBy(() -> bob.openFetchReply(replayed.httpStatus(), replayed.body()))
                .isInstanceOf(MeshException.class)
                .extracting(e -> ((MeshException) e).wireCode())
                .isEqualTo("wrong_audience");
    }

    @Test
    void txAndRxServersAreDistinctAndLeastLoaded() {
        List<ServerLoad> loads = List.of(
                new ServerLoad("http://a", 30),
                new ServerLoad("http://b", 10),
                new ServerLoad("http://c", 20),
                new ServerLoad("http://d", 40));
        ServerChoice choice = alice.chooseServers(loads, 2);
        assertThat(choice.rx()).isEqualTo("http://b");
        assertThat(choice.tx()).containsExactly("http://c", "http://a");
        assertThatThrownBy(() -> alice.chooseServers(List.of(new ServerLoad("http://a", 1)), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysRoundTripThroughPem() throws Exception {
        String pem = MeshTestKeys.pem("alice");
        assertThat(MeshKeys.publicKeyText(MeshKeys.fromPem(pem))).isEqualTo(alice.publicKey());
        assertThat(MeshKeys.toPem(MeshKeys.fromPem(pem))).isEqualToIgnoringNewLines(pem);
        assertThatThrownBy(() -> MeshKeys.fromPem("nope")).isInstanceOf(MeshException.class);
    }

    private static MeshPacket packet(String recipient, byte[] messageEnvelope, byte[] signatureEnvelope) {
        String message = Encodings.base64(messageEnvelope);
        String signature = Encodings.base64(signatureEnvelope);
        return new MeshPacket(recipient, message, signature, MeshCrypto.packetHash(recipient, message, signature));
    }
}
