package dev.missive.mesh.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arrays;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.missive.crypto.RsaPrivateKey;
import dev.missive.mesh.MeshTestKeys;
import dev.missive.mesh.model.MeshMessage;
import dev.missive.mesh.model.MessageType;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.RequestPurpose;
import dev.missive.mesh.model.SignedRequest;
import dev.missive.testing.SeededRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QuickTheories round trips of every mesh codec, and the properties the layouts promise. */
class MeshWirePropertiesTest {

    @Test
    void envelopeRoundTrips() {
        qt().forAll(
                        longs().between(0, 4_000_000_000_000L),
                        integers().between(Envelope.MIN_WRAPPED_KEY, 600),
                        integers().between(16, 3000),
                        integers().between(0, 1000))
                .checkAssert((millis, keyLength, ciphertextLength, seed) -> {
                    SeededRandom random = new SeededRandom(seed);
                    Envelope envelope = new Envelope(
                            Instant.ofEpochMilli(millis),
                            random.bytes(keyLength),
                            random.bytes(Envelope.IV_LENGTH),
                            random.bytes(ciphertextLength));
                    byte[] bytes = envelope.encode();
                    assertThat(bytes).hasSize(Envelope.HEADER_LENGTH + keyLength + 12 + ciphertextLength);
                    try {
                        assertThat(Envelope.decode(bytes)).isEqualTo(envelope);
                    } catch (MeshWireException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void messageJsonRoundTripsAndIsPaddedToAPowerOfTwo() {
        qt().withExamples(200)
                .forAll(
                        strings().allPossible().ofLengthBetween(0, 3000),
                        strings().basicLatinAlphabet().ofLengthBetween(1, 800),
                        longs().between(0, 253_402_300_799_000L))
                .checkAssert((content, sender, millis) -> {
                    MeshMessage message = new MeshMessage(
                            sender,
                            "AAAAAAAAAAA=",
                            "chan",
                            MessageType.EDIT,
                            content,
                            "id",
                            Instant.ofEpochMilli(millis));
                    byte[] json = MeshJson.encodeMessage(message, 1024);
                    assertThat(json.length).isGreaterThanOrEqualTo(1024);
                    assertThat(Integer.bitCount(json.length)).isEqualTo(1);
                    try {
                        assertThat(MeshJson.decodeMessage(json, 1 << 20)).isEqualTo(message);
                    } catch (MeshWireException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void signedRequestsRoundTrip() {
        qt().withExamples(200)
                .forAll(
                        integers().between(0, RequestPurpose.values().length - 1),
                        integers().between(0, 20),
                        longs().between(0, 4_000_000_000_000L),
                        strings().basicLatinAlphabet().ofLengthBetween(1, 200))
                .checkAssert((purpose, count, millis, signer) -> {
                    List<PacketHash> hashes = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        hashes.add(new PacketHash(String.format("%064x", i * 7919L + millis)));
                    }
                    SignedRequest request = new SignedRequest(
                            RequestPurpose.values()[purpose],
                            "https://mesh.example:8443",
                            signer,
                            Instant.ofEpochMilli(millis),
                            String.format("%032x", millis),
                            hashes,
                            "c2ln");
                    try {
                        assertThat(MeshJson.decodeSignedRequest(
                                        MeshJson.encodeSignedRequest(request), 1 << 20, request.purpose()))
                                .isEqualTo(request);
                        assertThat(MeshJson.decodeProof(MeshJson.encodeProof(request)))
                                .isEqualTo(request);
                    } catch (MeshWireException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void hashListDigestIgnoresOrderAndDuplicates() {
        qt().forAll(arrays().ofIntegers(integers().between(0, 50)).withLengthBetween(0, 20))
                .checkAssert(values -> {
                    List<PacketHash> hashes = new ArrayList<>();
                    for (int v : values) {
                        hashes.add(new PacketHash(String.format("%064x", v)));
                    }
                    List<PacketHash> reversed = new ArrayList<>(hashes);
                    java.util.Collections.reverse(reversed);
                    reversed.addAll(hashes);
                    assertThat(MeshCrypto.hashListDigest(reversed)).isEqualTo(MeshCrypto.hashListDigest(hashes));
                });
    }

    @Test
    void packetHashSeparatesTheFields() {
        qt().forAll(
                        strings().basicLatinAlphabet().ofLengthBetween(1, 40),
                        strings().basicLatinAlphabet().ofLengthBetween(1, 40),
                        strings().basicLatinAlphabet().ofLengthBetween(0, 40))
                .checkAssert((a, b, c) -> {
                    // moving a character across a field boundary changes the hash
                    assertThat(MeshCrypto.packetHash(a + b.charAt(0), b.substring(1), c))
                            .isNotEqualTo(MeshCrypto.packetHash(a, b, c));
                });
    }

    @Test
    void sealedEnvelopesOpenOnlyForTheirFieldAndRecipient() {
        RsaPrivateKey bob = MeshTestKeys.key("bob");
        RsaPrivateKey carol = MeshTestKeys.key("carol");
        qt().withExamples(20)
                .forAll(integers().between(0, 5000), integers().between(0, 100_000))
                .checkAssert((length, seed) -> {
                    SeededRandom random = new SeededRandom(seed);
                    byte[] plaintext = random.bytes(length);
                    Envelope envelope = MeshCrypto.seal(
                            EnvelopeField.MESSAGE, bob.publicKey(), Instant.ofEpochMilli(seed), plaintext, random);
                    assertThat(MeshCrypto.open(EnvelopeField.MESSAGE, bob, envelope))
                            .isEqualTo(plaintext);
                    assertThat(opens(EnvelopeField.SIGNATURE, bob, envelope)).isFalse();
                    assertThat(opens(EnvelopeField.MESSAGE, carol, envelope)).isFalse();
                    Envelope shifted = new Envelope(
                            Instant.ofEpochMilli(seed + 1L),
                            envelope.wrappedKey(),
                            envelope.iv(),
                            envelope.ciphertext());
                    assertThat(opens(EnvelopeField.MESSAGE, bob, shifted)).isFalse();
                });
    }

    private static boolean opens(EnvelopeField field, RsaPrivateKey key, Envelope envelope) {
        try {
            MeshCrypto.open(field, key, envelope);
            return true;
        } catch (dev.missive.crypto.AuthenticationException e) {
            return false;
        }
    }
}
