package dev.missive.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories properties for every AEAD, box and signature: round trips hold, and any single bit
 * flip or truncation of the sealed output (ciphertext or tag), of the nonce, or of a signature is
 * rejected.
 */
class TamperPropertiesTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Gen<byte[]> PLAINTEXTS =
            Generate.byteArrays(integers().between(0, 1024), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    private static final Gen<Integer> POSITIONS = integers().allPositive();

    /** An authenticated cipher under a fixed key; the "nonce" is whatever public input varies per message. */
    interface Sealer {
        byte[] seal(byte[] nonce, byte[] plaintext);

        byte[] open(byte[] nonce, byte[] sealed);
    }

    record Scheme(String name, int nonceLength, Sealer sealer) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Signer(
            String name,
            java.util.function.Function<byte[], byte[]> sign,
            java.util.function.BiPredicate<byte[], byte[]> verify,
            int examples) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Scheme> schemes() {
        SymmetricKey key = SymmetricKey.generate(RANDOM);
        byte[] aad = "associated data".getBytes();
        X25519PrivateKey alice = X25519PrivateKey.generate(RANDOM);
        X25519PrivateKey bob = X25519PrivateKey.generate(RANDOM);
        return List.of(
                new Scheme("secretbox", 24, new Sealer() {
                    public byte[] seal(byte[] n, byte[] p) {
                        return SecretBox.seal(key, n, p);
                    }

                    public byte[] open(byte[] n, byte[] s) {
                        return SecretBox.open(key, n, s);
                    }
                }),
                new Scheme("box", 24, new Sealer() {
                    public byte[] seal(byte[] n, byte[] p) {
                        return NaclBox.seal(bob.publicKey(), alice, n, p);
                    }

                    public byte[] open(byte[] n, byte[] s) {
                        return NaclBox.open(alice.publicKey(), bob, n, s);
                    }
                }),
                new Scheme("XChaCha20-Poly1305", 24, new Sealer() {
                    public byte[] seal(byte[] n, byte[] p) {
                        return XChaCha20Poly1305.seal(key, n, aad, p);
                    }

                    public byte[] open(byte[] n, byte[] s) {
                        return XChaCha20Poly1305.open(key, n, aad, s);
                    }
                }),
                new Scheme("AES-GCM 12-byte IV", 12, new Sealer() {
                    public byte[] seal(byte[] n, byte[] p) {
                        return AesGcm.seal(key, n, aad, p);
                    }

                    public byte[] open(byte[] n, byte[] s) {
                        return AesGcm.open(key, n, aad, s);
                    }
                }),
                new Scheme("AES-GCM 16-byte IV", 16, new Sealer() {
                    public byte[] seal(byte[] n, byte[] p) {
                        return AesGcm.seal(key, n, aad, p);
                    }

                    public byte[] open(byte[] n, byte[] s) {
                        return AesGcm.open(key, n, aad, s);
                    }
                }),
                // HPKE has no caller nonce; its info string plays that part (bound into the key schedule).
                new Scheme("HPKE", 16, new Sealer() {
                    public byte[] seal(byte[] n, byte[] p) {
                        return Hpke.seal(bob.publicKey(), p, n);
                    }

                    public byte[] open(byte[] n, byte[] s) {
                        return Hpke.open(bob, s, n);
                    }
                }));
    }

    static List<Signer> signers() {
        Ed25519PrivateKey ed = Ed25519PrivateKey.generate(RANDOM);
        RsaKeyPair rsa = RsaPrivateKey.generate(2048, RANDOM);
        return List.of(
                new Signer("Ed25519", ed::sign, (m, s) -> ed.publicKey().verify(m, s), 200),
                new Signer(
                        "RSA-PSS",
                        m -> RsaPss.sign(rsa.privateKey(), m),
                        (m, s) -> RsaPss.verify(rsa.publicKey(), m, s),
                        40),
                new Signer(
                        "RSA PKCS#1",
                        m -> RsaPkcs1.sign(rsa.privateKey(), m),
                        (m, s) -> RsaPkcs1.verify(rsa.publicKey(), m, s),
                        40));
    }

    private static byte[] nonce(int length) {
        byte[] nonce = new byte[length];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    private static byte[] flipBit(byte[] bytes, int position) {
        byte[] out = bytes.clone();
        int bit = position % (bytes.length * 8);
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void roundTrips(Scheme scheme) {
        qt().withExamples(150).forAll(PLAINTEXTS).checkAssert(plaintext -> {
            byte[] nonce = nonce(scheme.nonceLength());
            assertThat(scheme.sealer().open(nonce, scheme.sealer().seal(nonce, plaintext)))
                    .isEqualTo(plaintext);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void rejectsAnySingleBitFlipOfTheSealedOutput(Scheme scheme) {
        qt().withExamples(150).forAll(PLAINTEXTS, POSITIONS).checkAssert((plaintext, position) -> {
            byte[] nonce = nonce(scheme.nonceLength());
            byte[] tampered = flipBit(scheme.sealer().seal(nonce, plaintext), position);
            assertThatThrownBy(() -> scheme.sealer().open(nonce, tampered)).isInstanceOf(AuthenticationException.class);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void rejectsAnySingleBitFlipOfTheNonce(Scheme scheme) {
        qt().withExamples(100).forAll(PLAINTEXTS, POSITIONS).checkAssert((plaintext, position) -> {
            byte[] nonce = nonce(scheme.nonceLength());
            byte[] sealed = scheme.sealer().seal(nonce, plaintext);
            assertThatThrownBy(() -> scheme.sealer().open(flipBit(nonce, position), sealed))
                    .isInstanceOf(AuthenticationException.class);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void rejectsAnyTruncationOfTheSealedOutputOrTheNonce(Scheme scheme) {
        qt().withExamples(100).forAll(PLAINTEXTS, POSITIONS).checkAssert((plaintext, position) -> {
            byte[] nonce = nonce(scheme.nonceLength());
            byte[] sealed = scheme.sealer().seal(nonce, plaintext);
            byte[] shorter = Arrays.copyOf(sealed, position % sealed.length);
            assertThatThrownBy(() -> scheme.sealer().open(nonce, shorter)).isInstanceOf(AuthenticationException.class);
            byte[] shorterNonce = Arrays.copyOf(nonce, position % nonce.length);
            assertThatThrownBy(() -> scheme.sealer().open(shorterNonce, sealed))
                    .isInstanceOf(AuthenticationException.class);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signers")
    void signaturesVerifyAndRejectAnyBitFlipOrTruncation(Signer signer) {
        qt().withExamples(signer.examples()).forAll(PLAINTEXTS, POSITIONS).checkAssert((message, position) -> {
            byte[] signature = signer.sign().apply(message);
            assertThat(signer.verify().test(message, signature)).isTrue();
            assertThat(signer.verify().test(message, flipBit(signature, position)))
                    .isFalse();
            assertThat(signer.verify().test(message, Arrays.copyOf(signature, position % signature.length)))
                    .isFalse();
            if (message.length > 0) {
                assertThat(signer.verify().test(flipBit(message, position), signature))
                        .isFalse();
            }
        });
    }
}
