package dev.missive.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Known answers and edge cases for secretbox, box, XChaCha20-Poly1305 and AES-GCM. */
class SymmetricCiphersTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static Vectors.Entry nacl(String name) {
        return Vectors.load("nacl.txt").stream()
                .filter(v -> v.text("name").equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void hsalsa20MatchesNaclCoreVectors() {
        for (String name : new String[] {"hsalsa20 beforenm", "hsalsa20 core2"}) {
            Vectors.Entry v = nacl(name);
            assertThat(StreamCores.hsalsa20(v.bytes("key"), v.bytes("nonce16")))
                    .as(name)
                    .isEqualTo(v.bytes("output"));
        }
    }

    @Test
    void secretboxMatchesTheNaclVector() {
        Vectors.Entry v = nacl("box");
        SymmetricKey key = SymmetricKey.of(v.bytes("firstkey"));
        assertThat(SecretBox.seal(key, v.bytes("nonce"), v.bytes("message"))).isEqualTo(v.bytes("box"));
        assertThat(SecretBox.open(key, v.bytes("nonce"), v.bytes("box"))).isEqualTo(v.bytes("message"));
    }

    @Test
    void boxMatchesTheNaclVectorInBothDirections() {
        Vectors.Entry v = nacl("box");
        X25519PrivateKey alice = X25519PrivateKey.fromRaw(v.bytes("alicesk"));
        X25519PrivateKey bob = X25519PrivateKey.fromRaw(v.bytes("bobsk"));
        X25519PublicKey bobPublic = X25519PublicKey.fromRaw(v.bytes("bobpk"));
        X25519PublicKey alicePublic = X25519PublicKey.fromRaw(v.bytes("alicepk"));

        assertThat(NaclBox.seal(bobPublic, alice, v.bytes("nonce"), v.bytes("message")))
                .isEqualTo(v.bytes("box"));
        assertThat(NaclBox.open(alicePublic, bob, v.bytes("nonce"), v.bytes("box")))
                .isEqualTo(v.bytes("message"));
    }

    @Test
    void boxRejectsALowOrderPeerAsAKeyError() {
        X25519PrivateKey key = X25519PrivateKey.generate(RANDOM);
        X25519PublicKey zero = X25519PublicKey.fromRaw(new byte[32]);
        assertThatThrownBy(() -> NaclBox.seal(zero, key, new byte[24], new byte[1]))
                .isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> NaclBox.open(zero, key, new byte[24], new byte[16]))
                .isInstanceOf(KeyFormatException.class);
    }

    @Test
    void secretboxOfEmptyPlaintextIsJustTheTag() {
        SymmetricKey key = SymmetricKey.generate(RANDOM);
        byte[] box = SecretBox.seal(key, new byte[24], new byte[0]);
        assertThat(box).hasSize(SecretBox.MAC_LENGTH);
        assertThat(SecretBox.open(key, new byte[24], box)).isEmpty();
    }

    @Test
    void secretboxRejectsMalformedInputWithTypedExceptions() {
        SymmetricKey key = SymmetricKey.generate(RANDOM);
        assertThatThrownBy(() -> SecretBox.open(key, new byte[24], new byte[15]))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> SecretBox.open(key, new byte[23], new byte[16]))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> SecretBox.seal(key, new byte[23], new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void xchachaHChaCha20MatchesTheDraft() {
        Vectors.Entry v = Vectors.load("xchacha20poly1305-draft.txt").get(0);
        assertThat(StreamCores.hchacha20(v.bytes("key"), v.bytes("nonce16"))).isEqualTo(v.bytes("output"));
    }

    @Test
    void xchachaMatchesDraftAppendixA31() {
        Vectors.Entry v = Vectors.load("xchacha20poly1305-draft.txt").get(1);
        SymmetricKey key = SymmetricKey.of(v.bytes("key"));
        byte[] expected = concat(v.bytes("ciphertext"), v.bytes("tag"));

        assertThat(XChaCha20Poly1305.seal(key, v.bytes("nonce"), v.bytes("aad"), v.bytes("plaintext")))
                .isEqualTo(expected);
        assertThat(XChaCha20Poly1305.open(key, v.bytes("nonce"), v.bytes("aad"), expected))
                .isEqualTo(v.bytes("plaintext"));
        assertThatThrownBy(() -> XChaCha20Poly1305.open(key, v.bytes("nonce"), new byte[0], expected))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void xchachaRejectsMalformedInput() {
        SymmetricKey key = SymmetricKey.generate(RANDOM);
        assertThatThrownBy(() -> XChaCha20Poly1305.open(key, new byte[24], new byte[0], new byte[15]))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> XChaCha20Poly1305.open(key, new byte[12], new byte[0], new byte[16]))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> XChaCha20Poly1305.seal(key, new byte[12], new byte[0], new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aesGcmMatchesNistTestCase16() {
        // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 16 (AES-256, 96-bit IV, AAD).
        SymmetricKey key =
                SymmetricKey.of(Encodings.fromHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"));
        byte[] iv = Encodings.fromHex("cafebabefacedbaddecaf888");
        byte[] aad = Encodings.fromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] plaintext = Encodings.fromHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] expected = Encodings.fromHex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662" + "76fc6ece0f4e1768cddf8853bb2d551b");

        assertThat(AesGcm.seal(key, iv, aad, plaintext)).isEqualTo(expected);
        assertThat(AesGcm.open(key, iv, aad, expected)).isEqualTo(plaintext);
    }

    @Test
    void aesGcmWithA16ByteIvMatchesBouncyCastle() throws Exception {
        SymmetricKey key = SymmetricKey.generate(RANDOM);
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        byte[] aad = "header".getBytes();
        byte[] plaintext = new byte[100];
        RANDOM.nextBytes(plaintext);

        var reference = GCMBlockCipher.newInstance(AESEngine.newInstance());
        reference.init(true, new AEADParameters(new KeyParameter(key.revealSecret()), 128, iv, aad));
        byte[] expected = new byte[reference.getOutputSize(plaintext.length)];
        int n = reference.processBytes(plaintext, 0, plaintext.length, expected, 0);
        reference.doFinal(expected, n);

        assertThat(AesGcm.seal(key, iv, aad, plaintext)).isEqualTo(expected);
        assertThat(AesGcm.open(key, iv, aad, expected)).isEqualTo(plaintext);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 11, 13, 15, 17, 24})
    void aesGcmRejectsOtherIvSizes(int ivLength) {
        SymmetricKey key = SymmetricKey.generate(RANDOM);
        assertThatThrownBy(() -> AesGcm.seal(key, new byte[ivLength], new byte[0], new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesGcm.open(key, new byte[ivLength], new byte[0], new byte[17]))
                .isInstanceOf(AuthenticationException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 31, 33, 64})
    void symmetricKeysMustBe32Bytes(int length) {
        assertThatThrownBy(() -> SymmetricKey.of(new byte[length]))
                .isInstanceOf(KeyFormatException.class)
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void symmetricKeysCopyAndRedact() {
        byte[] bytes = new byte[32];
        bytes[0] = 0x5a;
        SymmetricKey key = SymmetricKey.of(bytes);
        bytes[0] = 0;
        assertThat(key.revealSecret()[0]).isEqualTo((byte) 0x5a);
        key.revealSecret()[0] = 1;
        assertThat(key.revealSecret()[0]).isEqualTo((byte) 0x5a);
        assertThat(key.toString()).doesNotContain("5a").contains("redacted");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
