package dev.missive.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RSA round trips, plus Bouncy Castle as an independent implementation: it decrypts our OAEP and
 * verifies our PSS only if SHA-256 is really used for MGF1 as well (the JDK default is SHA-1).
 */
class RsaTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static RsaKeyPair pair;

    @BeforeAll
    static void generateOnce() {
        pair = RsaPrivateKey.generate(2048, RANDOM);
    }

    @Test
    void oaepRoundTripsAndInteroperatesWithBouncyCastle() throws Exception {
        byte[] message = "secret session key".getBytes();
        byte[] ciphertext = RsaOaep.encrypt(pair.publicKey(), message);

        assertThat(ciphertext).hasSize(256);
        assertThat(RsaOaep.decrypt(pair.privateKey(), ciphertext)).isEqualTo(message);

        OAEPEncoding reference =
                new OAEPEncoding(new RSABlindedEngine(), new SHA256Digest(), new SHA256Digest(), new byte[0]);
        reference.init(false, bcPrivate());
        assertThat(reference.processBlock(ciphertext, 0, ciphertext.length)).isEqualTo(message);

        reference.init(true, bcPublic());
        byte[] fromReference = reference.processBlock(message, 0, message.length);
        assertThat(RsaOaep.decrypt(pair.privateKey(), fromReference)).isEqualTo(message);
    }

    @Test
    void oaepEnforcesItsCapacityAndRejectsTampering() {
        assertThat(RsaOaep.decrypt(pair.privateKey(), RsaOaep.encrypt(pair.publicKey(), new byte[190])))
                .hasSize(190);
        assertThatThrownBy(() -> RsaOaep.encrypt(pair.publicKey(), new byte[191]))
                .isInstanceOf(IllegalArgumentException.class);

        byte[] ciphertext = RsaOaep.encrypt(pair.publicKey(), new byte[10]);
        byte[] flipped = ciphertext.clone();
        flipped[100] ^= 1;
        assertThatThrownBy(() -> RsaOaep.decrypt(pair.privateKey(), flipped))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> RsaOaep.decrypt(pair.privateKey(), Arrays.copyOf(ciphertext, 255)))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> RsaOaep.decrypt(pair.privateKey(), new byte[0]))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void pssRoundTripsAndInteroperatesWithBouncyCastle() throws Exception {
        byte[] message = "NEW rsa:...".getBytes();
        byte[] signature = RsaPss.sign(pair.privateKey(), message);

        assertThat(RsaPss.verify(pair.publicKey(), message, signature)).isTrue();
        PSSSigner reference = new PSSSigner(new RSABlindedEngine(), new SHA256Digest(), 32);
        reference.init(false, bcPublic());
        reference.update(message, 0, message.length);
        assertThat(reference.verifySignature(signature)).isTrue();

        reference.init(true, bcPrivate());
        reference.update(message, 0, message.length);
        assertThat(RsaPss.verify(pair.publicKey(), message, reference.generateSignature()))
                .isTrue();
    }

    @Test
    void pkcs1SignaturesAreDeterministicAndVerify() {
        byte[] message = "message".getBytes();
        byte[] signature = RsaPkcs1.sign(pair.privateKey(), message);
        assertThat(RsaPkcs1.sign(pair.privateKey(), message)).isEqualTo(signature);
        assertThat(RsaPkcs1.verify(pair.publicKey(), message, signature)).isTrue();
        assertThat(RsaPkcs1.verify(pair.publicKey(), "other".getBytes(), signature))
                .isFalse();
        assertThat(RsaPss.verify(pair.publicKey(), message, signature)).isFalse();
    }

    @Test
    void verifyNeverThrowsForMalformedSignatures() {
        byte[] message = "m".getBytes();
        for (byte[] bad : new byte[][] {null, new byte[0], new byte[1], new byte[255], new byte[256], new byte[257]}) {
            assertThat(RsaPss.verify(pair.publicKey(), message, bad)).isFalse();
            assertThat(RsaPkcs1.verify(pair.publicKey(), message, bad)).isFalse();
        }
    }

    @Test
    void encodingsRoundTripThroughPem() {
        RsaPublicKey publicKey = RsaPublicKey.fromSpki(Encodings.fromPem(
                "PUBLIC KEY", Encodings.pem("PUBLIC KEY", pair.publicKey().spki())));
        RsaPrivateKey privateKey = RsaPrivateKey.fromPkcs8(Encodings.fromPem(
                "PRIVATE KEY", Encodings.pem("PRIVATE KEY", pair.privateKey().revealPkcs8())));

        assertThat(publicKey).isEqualTo(pair.publicKey()).hasSameHashCodeAs(pair.publicKey());
        assertThat(publicKey.modulusBits()).isEqualTo(2048);
        assertThat(privateKey.publicKey()).isEqualTo(pair.publicKey());
        assertThat(RsaPss.verify(publicKey, new byte[1], RsaPss.sign(privateKey, new byte[1])))
                .isTrue();
        assertThat(PublicKeys.algorithmOf(publicKey.spki())).isEqualTo(KeyAlgorithm.RSA);
    }

    @Test
    void rejectsMalformedAndOutOfRangeKeys() throws Exception {
        byte[] spki = pair.publicKey().spki();
        byte[] pkcs8 = pair.privateKey().revealPkcs8();
        assertThatThrownBy(() -> RsaPublicKey.fromSpki(Arrays.copyOf(spki, spki.length - 1)))
                .isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> RsaPublicKey.fromSpki(pkcs8)).isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> RsaPrivateKey.fromPkcs8(spki)).isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> RsaPrivateKey.fromPkcs8(Arrays.copyOf(pkcs8, pkcs8.length - 3)))
                .isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> RsaPublicKey.fromSpki(
                        Ed25519PrivateKey.generate(RANDOM).publicKey().spki()))
                .isInstanceOf(KeyFormatException.class);

        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(512);
        byte[] tiny = small.generateKeyPair().getPublic().getEncoded();
        assertThatThrownBy(() -> RsaPublicKey.fromSpki(tiny)).isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> RsaPrivateKey.generate(1024, RANDOM)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsNoSecret() {
        String text = pair.privateKey().toString();
        BigInteger d = pair.privateKey().jdkKey().getPrivateExponent();
        assertThat(text).contains("redacted").doesNotContain(d.toString(16)).doesNotContain(d.toString());
        assertThat(pair.publicKey().toString()).contains("2048 bits");
    }

    private static RSAKeyParameters bcPublic() {
        var key = pair.publicKey().jdkKey();
        return new RSAKeyParameters(false, key.getModulus(), key.getPublicExponent());
    }

    private static RSAPrivateCrtKeyParameters bcPrivate() {
        var k = pair.privateKey().jdkKey();
        return new RSAPrivateCrtKeyParameters(
                k.getModulus(),
                k.getPublicExponent(),
                k.getPrivateExponent(),
                k.getPrimeP(),
                k.getPrimeQ(),
                k.getPrimeExponentP(),
                k.getPrimeExponentQ(),
                k.getCrtCoefficient());
    }
}
