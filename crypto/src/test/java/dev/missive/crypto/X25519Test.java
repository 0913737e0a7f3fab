package dev.missive.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import javax.crypto.KeyAgreement;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class X25519Test {

    private static final SecureRandom RANDOM = new SecureRandom();

    static List<Vectors.Entry> scalarMultVectors() {
        return Vectors.load("x25519-rfc7748.txt").stream()
                .filter(v -> v.text("kind").equals("scalarmult"))
                .toList();
    }

    static List<Vectors.Entry> iteratedVectors() {
        return Vectors.load("x25519-rfc7748.txt").stream()
                .filter(v -> v.text("kind").equals("iterated"))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("scalarMultVectors")
    void agreesOnRfc7748ScalarMultiplicationVectors(Vectors.Entry v) {
        byte[] shared = X25519PrivateKey.fromRaw(v.bytes("scalar")).agree(X25519PublicKey.fromRaw(v.bytes("u")));
        assertThat(shared).isEqualTo(v.bytes("output"));
    }

    @ParameterizedTest
    @MethodSource("iteratedVectors")
    void reproducesTheIteratedVector(Vectors.Entry v) {
        byte[] k = new byte[32];
        k[0] = 9;
        byte[] u = k.clone();
        for (int i = 0; i < v.integer("iterations"); i++) {
            byte[] next = X25519PrivateKey.fromRaw(k).agree(X25519PublicKey.fromRaw(u));
            u = k;
            k = next;
        }
        assertThat(k).isEqualTo(v.bytes("output"));
    }

    @Test
    void reproducesRfc7748DiffieHellman() {
        Vectors.Entry v = Vectors.load("x25519-rfc7748.txt").stream()
                .filter(e -> e.text("kind").equals("dh"))
                .findFirst()
                .orElseThrow();
        X25519PrivateKey alice = X25519PrivateKey.fromRaw(v.bytes("alice_private"));
        X25519PrivateKey bob = X25519PrivateKey.fromRaw(v.bytes("bob_private"));

        assertThat(alice.publicKey().raw()).isEqualTo(v.bytes("alice_public"));
        assertThat(bob.publicKey().raw()).isEqualTo(v.bytes("bob_public"));
        assertThat(alice.agree(bob.publicKey())).isEqualTo(v.bytes("shared"));
        assertThat(bob.agree(alice.publicKey())).isEqualTo(v.bytes("shared"));
    }

    @Test
    void matchesTheJdkProvider() throws Exception {
        KeyFactory factory = KeyFactory.getInstance("X25519", "SunEC");
        for (int i = 0; i < 20; i++) {
            var jdkPair = KeyPairGenerator.getInstance("X25519", "SunEC").generateKeyPair();
            X25519PrivateKey ours = X25519PrivateKey.generate(RANDOM);

            X25519PublicKey jdkPublic =
                    X25519PublicKey.fromSpki(jdkPair.getPublic().getEncoded());
            KeyAgreement agreement = KeyAgreement.getInstance("X25519", "SunEC");
            agreement.init(jdkPair.getPrivate());
            agreement.doPhase(
                    factory.generatePublic(
                            new X509EncodedKeySpec(ours.publicKey().spki())),
                    true);

            assertThat(ours.agree(jdkPublic)).isEqualTo(agreement.generateSecret());
            assertThat(ours.publicKey().spki()).hasSize(44);
        }
    }

    @Test
    void spkiRoundTrips() {
        X25519PublicKey key = X25519PrivateKey.generate(RANDOM).publicKey();
        assertThat(X25519PublicKey.fromSpki(key.spki())).isEqualTo(key).hasSameHashCodeAs(key);
        assertThat(PublicKeys.algorithmOf(key.spki())).isEqualTo(KeyAlgorithm.X25519);
    }

    @Test
    void rejectsLowOrderPointsWithTheAllZeroSecret() {
        X25519PrivateKey key = X25519PrivateKey.generate(RANDOM);
        assertThatThrownBy(() -> key.agree(X25519PublicKey.fromRaw(new byte[32])))
                .isInstanceOf(KeyFormatException.class);
        byte[] one = new byte[32];
        one[0] = 1;
        assertThatThrownBy(() -> key.agree(X25519PublicKey.fromRaw(one))).isInstanceOf(KeyFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 33})
    void rejectsWrongLengths(int length) {
        assertThatThrownBy(() -> X25519PrivateKey.fromRaw(new byte[length])).isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> X25519PublicKey.fromRaw(new byte[length])).isInstanceOf(KeyFormatException.class);
    }

    @Test
    void rejectsMalformedSpki() {
        byte[] spki = X25519PrivateKey.generate(RANDOM).publicKey().spki();
        assertThatThrownBy(() -> X25519PublicKey.fromSpki(java.util.Arrays.copyOf(spki, 43)))
                .isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> X25519PublicKey.fromSpki(
                        Ed25519PrivateKey.generate(RANDOM).publicKey().spki()))
                .isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> X25519PublicKey.fromSpki(Ed25519Test.berLongFormLength(spki)))
                .isInstanceOf(KeyFormatException.class);
    }

    @Test
    void generatedKeysAreClampedAndPrintNoSecret() {
        X25519PrivateKey key = X25519PrivateKey.generate(RANDOM);
        byte[] clamped = key.revealSecret();
        X25519.clampPrivateKey(clamped);
        assertThat(key.revealSecret()).isEqualTo(clamped);
        assertThat(key.toString())
                .doesNotContain(Encodings.hex(key.revealSecret()))
                .contains("redacted");
    }
}
