package dev.missive.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.KeyAlgorithm;
import dev.missive.crypto.PublicKeys;
import dev.missive.crypto.RsaPkcs1;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.smp.wire.TransmissionEncoder;
import dev.missive.testing.SeededRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RSA queue keys: RSA-PSS-SHA256 signatures, the 2021 {@code rsa:} key prefix, RSA-sized dummy work, PKCS#8 export. */
class RsaKeysTest {

    private static RsaPrivateKey rsa;

    /** A fixed test-only key (generating one takes seconds on a busy machine). */
    @BeforeAll
    static void load() throws Exception {
        try (var in = RsaKeysTest.class.getResourceAsStream("rsa2048-test-key.pk8")) {
            rsa = RsaPrivateKey.fromPkcs8(in.readAllBytes());
        }
    }

    @Test
    void rsaRecipientKeyWithPrefixSignsWithPssAndRejectsPkcs1() {
        SigningKey key = SigningKey.rsa(rsa);
        ServerHarness harness = new ServerHarness();
        var c = harness.connect();
        c.write("\r\n\r\nCONN rsa:" + Encodings.base64(key.publicKey()) + "\r\n");
        var ids = (ServerMessage.Ids) c.sink().next().getFirst().message();

        c.send(key, ids.recipientId(), new Command.Subscribe());
        assertThat(c.sink().next()).extracting(t -> t.message().line()).containsExactly("OK");

        byte[] signed = TransmissionEncoder.signedPart(ids.recipientId(), new Command.Suspend());
        c.write(TransmissionEncoder.command(RsaPkcs1.sign(rsa, signed), signed));
        assertThat(c.sink().next()).extracting(t -> t.message().line()).containsExactly("ERR AUTH");
    }

    @Test
    void signingKeysRoundTripThroughPkcs8() {
        SignatureScheme scheme = SignatureScheme.standard();
        for (SigningKey key : java.util.List.of(SigningKey.rsa(rsa), scheme.generateKey(new SeededRandom(4)))) {
            SigningKey restored = SigningKey.fromPkcs8(key.revealPkcs8());
            assertThat(restored.publicKey()).isEqualTo(key.publicKey());
            assertThat(scheme.verify(key.publicKey(), new byte[] {1, 2}, restored.sign(new byte[] {1, 2})))
                    .isTrue();
            assertThat(restored.toString()).contains("secret redacted");
        }
    }

    @Test
    void unknownQueueWithAnRsaSignatureIsVerifiedAgainstAnRsaDummyKey() {
        SignatureScheme scheme = SignatureScheme.standard();
        byte[] signature = SigningKey.rsa(rsa).sign(new byte[] {1});
        byte[] dummy = scheme.dummyKey(signature);
        assertThat(PublicKeys.algorithmOf(dummy)).isEqualTo(KeyAlgorithm.RSA);
        assertThat(scheme.acceptsKey(dummy)).isTrue();
        assertThat(scheme.dummySignature(dummy)).hasSize(256);
        assertThat(PublicKeys.algorithmOf(scheme.dummyKey(new byte[64]))).isEqualTo(KeyAlgorithm.ED25519);
        assertThat(scheme.dummyKey(new byte[384])).isNotEqualTo(scheme.dummyKey(new byte[512]));
    }

    /** The 2021 implementation, which {@code docs/smp.md} follows, allowed 1024-bit RSA keys; other sizes stay refused. */
    @Test
    void rsa1024KeysAreAcceptedAndOddSizesRefused() throws Exception {
        SignatureScheme scheme = SignatureScheme.standard();
        assertThat(scheme.acceptsKey(rsaPublicKey(1024))).isTrue();
        assertThat(scheme.acceptsKey(rsaPublicKey(1536))).isFalse();
        byte[] dummy = scheme.dummyKey(new byte[128]);
        assertThat(PublicKeys.algorithmOf(dummy)).isEqualTo(KeyAlgorithm.RSA);
        assertThat(scheme.acceptsKey(dummy)).isTrue();
        assertThat(scheme.dummySignature(dummy)).hasSize(128);
    }

    @Test
    void rsa1024RecipientKeyCreatesAndSignsForItsQueue() throws Exception {
        SigningKey key = SigningKey.rsa(rsaPrivateKey(1024));
        ServerHarness harness = new ServerHarness();
        var c = harness.connect();
        c.write("\r\n\r\nCONN " + Encodings.base64(key.publicKey()) + "\r\n");
        var ids = (ServerMessage.Ids) c.sink().next().getFirst().message();

        c.send(key, ids.recipientId(), new Command.Subscribe());
        assertThat(c.sink().next()).extracting(t -> t.message().line()).containsExactly("OK");
    }

    private static RsaPrivateKey rsaPrivateKey(int bits) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return RsaPrivateKey.fromPkcs8(generator.generateKeyPair().getPrivate().getEncoded());
    }

    private static byte[] rsaPublicKey(int bits) throws Exception {
        return rsaPrivateKey(bits).publicKey().spki();
    }
}
