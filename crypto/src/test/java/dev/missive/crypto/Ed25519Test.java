package dev.missive.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ed25519Test {

    private static final SecureRandom RANDOM = new SecureRandom();

    static List<Vectors.Entry> rfc8032() {
        return Vectors.load("ed25519-rfc8032.txt");
    }

    @ParameterizedTest(name = "RFC 8032 {0}")
    @MethodSource("rfc8032")
    void signsAndVerifiesRfc8032Vectors(Vectors.Entry v) {
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(v.bytes("secret"));
        byte[] message = v.bytes("message");

        assertThat(key.publicKey().raw()).isEqualTo(v.bytes("public"));
        assertThat(key.sign(message)).isEqualTo(v.bytes("signature"));
        assertThat(Ed25519PublicKey.fromRaw(v.bytes("public")).verify(message, v.bytes("signature")))
                .isTrue();
    }

    @Test
    void longMessageVectorIsTheRfcsOneThousandTwentyThreeBytes() {
        Vectors.Entry v = rfc8032().stream()
                .filter(e -> e.text("name").equals("TEST 1024"))
                .findFirst()
                .orElseThrow();
        assertThat(v.bytes("message")).hasSize(1023);
    }

    @Test
    void matchesTheJdkProviderForRandomKeysAndMessages() throws Exception {
        KeyFactory jdkFactory = KeyFactory.getInstance("Ed25519", "SunEC");
        for (int i = 0; i < 20; i++) {
            Ed25519PrivateKey ours = Ed25519PrivateKey.generate(RANDOM);
            byte[] message = new byte[RANDOM.nextInt(300)];
            RANDOM.nextBytes(message);

            PrivateKey jdkPrivate = jdkFactory.generatePrivate(new PKCS8EncodedKeySpec(ours.revealPkcs8()));
            Signature jdkSigner = Signature.getInstance("Ed25519", "SunEC");
            jdkSigner.initSign(jdkPrivate);
            jdkSigner.update(message);
            byte[] jdkSignature = jdkSigner.sign();

            assertThat(ours.sign(message)).isEqualTo(jdkSignature);
            Signature jdkVerifier = Signature.getInstance("Ed25519", "SunEC");
            jdkVerifier.initVerify(jdkFactory.generatePublic(
                    new X509EncodedKeySpec(ours.publicKey().spki())));
            jdkVerifier.update(message);
            assertThat(jdkVerifier.verify(ours.sign(message))).isTrue();
        }
    }

    @Test
    void readsKeysEncodedByTheJdk() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519", "SunEC").generateKeyPair();
        Ed25519PrivateKey key = Ed25519PrivateKey.fromPkcs8(pair.getPrivate().getEncoded());
        Ed25519PublicKey publicKey = Ed25519PublicKey.fromSpki(pair.getPublic().getEncoded());

        assertThat(key.publicKey()).isEqualTo(publicKey);
        assertThat(pkcs8V1(key)).isEqualTo(pair.getPrivate().getEncoded());
        assertThat(publicKey.spki()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void encodingsRoundTrip() throws Exception {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(RANDOM);
        assertThat(Ed25519PrivateKey.fromPkcs8(pkcs8V1(key)).revealSecret()).isEqualTo(key.revealSecret());
        assertThat(Ed25519PrivateKey.fromSeed(key.revealSecret()).publicKey()).isEqualTo(key.publicKey());
        assertThat(Ed25519PublicKey.fromSpki(key.publicKey().spki())).isEqualTo(key.publicKey());
        assertThat(Ed25519PublicKey.fromRaw(key.publicKey().raw())).isEqualTo(key.publicKey());
        assertThat(Ed25519PublicKey.fromSpki(Encodings.fromPem(
                        "PUBLIC KEY",
                        Encodings.pem("PUBLIC KEY", key.publicKey().spki()))))
                .isEqualTo(key.publicKey());
    }

    @Test
    void acceptsPkcs8WithAMatchingEmbeddedPublicKeyAndRejectsAMismatch() throws Exception {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(RANDOM);
        Ed25519PrivateKey other = Ed25519PrivateKey.generate(RANDOM);
        assertThat(Ed25519PrivateKey.fromPkcs8(pkcs8V2(key, key.publicKey())).publicKey())
                .isEqualTo(key.publicKey());
        assertThatThrownBy(() -> Ed25519PrivateKey.fromPkcs8(pkcs8V2(key, other.publicKey())))
                .isInstanceOf(KeyFormatException.class);
    }

    /** PKCS#8 v1 (RFC 8410) of {@code key}, without the optional public key, built with Bouncy Castle. */
    private static byte[] pkcs8V1(Ed25519PrivateKey key) throws Exception {
        var info = new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(Der.ED25519),
                new org.bouncycastle.asn1.DEROctetString(key.revealSecret()));
        return info.getEncoded("DER");
    }

    private static byte[] pkcs8V2(Ed25519PrivateKey key, Ed25519PublicKey embedded) throws Exception {
        var info = new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(Der.ED25519),
                new org.bouncycastle.asn1.DEROctetString(key.revealSecret()),
                null,
                embedded.raw());
        return info.getEncoded("DER");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 31, 33, 64})
    void rejectsWrongSeedAndKeyLengths(int length) {
        assertThatThrownBy(() -> Ed25519PrivateKey.fromSeed(new byte[length])).isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(new byte[length])).isInstanceOf(KeyFormatException.class);
    }

    @Test
    void rejectsAnEncodingThatIsNotACurvePoint() {
        // y = 2 has no matching x on edwards25519.
        byte[] notOnCurve = new byte[32];
        notOnCurve[0] = 2;
        assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(notOnCurve))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageNotContaining(Encodings.hex(notOnCurve));
    }

    @Test
    void rejectsMalformedDer() throws Exception {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(RANDOM);
        byte[] spki = key.publicKey().spki();
        byte[] pkcs8 = pkcs8V1(key);
        X25519PrivateKey x = X25519PrivateKey.generate(RANDOM);

        assertThatThrownBy(() -> Ed25519PublicKey.fromSpki(new byte[0])).isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> Ed25519PublicKey.fromSpki(java.util.Arrays.copyOf(spki, spki.length - 1)))
                .isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> Ed25519PublicKey.fromSpki(java.util.Arrays.copyOf(spki, spki.length + 1)))
                .isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> Ed25519PublicKey.fromSpki(x.publicKey().spki()))
                .isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> Ed25519PublicKey.fromSpki(pkcs8)).isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> Ed25519PrivateKey.fromPkcs8(spki)).isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> Ed25519PrivateKey.fromPkcs8(java.util.Arrays.copyOf(pkcs8, pkcs8.length - 1)))
                .isInstanceOf(KeyFormatException.class);
        byte[] longForm = berLongFormLength(spki);
        assertThatThrownBy(() -> Ed25519PublicKey.fromSpki(longForm)).isInstanceOf(KeyFormatException.class);
    }

    /** The same SEQUENCE with its length in the (BER-legal, DER-illegal) long form. */
    static byte[] berLongFormLength(byte[] der) {
        byte[] out = new byte[der.length + 1];
        out[0] = der[0];
        out[1] = (byte) 0x81;
        out[2] = der[1];
        System.arraycopy(der, 2, out, 3, der.length - 2);
        return out;
    }

    @Test
    void verifyReturnsFalseForEveryMalformedSignature() {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(RANDOM);
        byte[] message = "message".getBytes();
        byte[] signature = key.sign(message);
        Ed25519PublicKey publicKey = key.publicKey();

        assertThat(publicKey.verify(message, null)).isFalse();
        assertThat(publicKey.verify(message, new byte[0])).isFalse();
        assertThat(publicKey.verify(message, new byte[64])).isFalse();
        assertThat(publicKey.verify(message, java.util.Arrays.copyOf(signature, 63)))
                .isFalse();
        assertThat(publicKey.verify(message, java.util.Arrays.copyOf(signature, 65)))
                .isFalse();
        byte[] highS = signature.clone();
        highS[63] |= (byte) 0xf0; // S >= L: non-canonical, must be rejected (RFC 8032 §5.1.7)
        assertThat(publicKey.verify(message, highS)).isFalse();
        assertThat(publicKey.verify("other".getBytes(), signature)).isFalse();
    }

    @Test
    void printsNoSecret() {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(RANDOM);
        assertThat(key.toString())
                .doesNotContain(Encodings.hex(key.revealSecret()))
                .contains("redacted");
        assertThat(key.publicKey().toString())
                .contains(Encodings.hex(key.publicKey().raw()));
    }
}
