package dev.missive.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.internal.HpkeContext;
import com.google.crypto.tink.hybrid.internal.HpkeKemPrivateKey;
import com.google.crypto.tink.hybrid.internal.HpkePrimitiveFactory;
import com.google.crypto.tink.util.Bytes;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HpkeTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Vectors.Entry RFC9180 = Vectors.single("hpke-rfc9180.txt");

    @Test
    void tinkSuiteReproducesRfc9180AppendixA21() throws Exception {
        HpkeContext recipient = HpkeContext.createRecipientContext(
                RFC9180.bytes("enc"),
                new HpkeKemPrivateKey(Bytes.copyFrom(RFC9180.bytes("skRm")), Bytes.copyFrom(RFC9180.bytes("pkRm"))),
                HpkePrimitiveFactory.createKem(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256),
                HpkePrimitiveFactory.createKdf(HpkeParameters.KdfId.HKDF_SHA256),
                HpkePrimitiveFactory.createAead(HpkeParameters.AeadId.CHACHA20_POLY1305),
                RFC9180.bytes("info"));
        assertThat(recipient.open(RFC9180.bytes("ct"), RFC9180.bytes("aad"))).isEqualTo(RFC9180.bytes("pt"));
    }

    /**
     * Our single-shot open must use base mode, this suite, {@code info} in the key schedule, an empty
     * AEAD aad and the enc ‖ ct layout: a message sealed by hand from the RFC's key schedule output
     * (key, base_nonce) under that exact recipe decrypts.
     */
    @Test
    void openUsesTheRfc9180KeyScheduleWithEmptyAad() throws Exception {
        Cipher chacha = Cipher.getInstance("ChaCha20-Poly1305");
        chacha.init(
                Cipher.ENCRYPT_MODE,
                new SecretKeySpec(RFC9180.bytes("key"), "ChaCha20"),
                new IvParameterSpec(RFC9180.bytes("base_nonce")));
        byte[] sealed = SymmetricCiphersTest.concat(RFC9180.bytes("enc"), chacha.doFinal(RFC9180.bytes("pt")));

        X25519PrivateKey recipient = X25519PrivateKey.fromRaw(RFC9180.bytes("skRm"));
        assertThat(recipient.publicKey().raw()).isEqualTo(RFC9180.bytes("pkRm"));
        assertThat(Hpke.open(recipient, sealed, RFC9180.bytes("info"))).isEqualTo(RFC9180.bytes("pt"));
    }

    @Test
    void roundTripsWithAFreshEphemeralKeyEachTime() {
        X25519PrivateKey recipient = X25519PrivateKey.generate(RANDOM);
        byte[] info = "missive smp body".getBytes();
        byte[] plaintext = "hello".getBytes();

        byte[] first = Hpke.seal(recipient.publicKey(), plaintext, info);
        byte[] second = Hpke.seal(recipient.publicKey(), plaintext, info);

        assertThat(first).hasSize(Hpke.ENC_LENGTH + plaintext.length + Hpke.TAG_LENGTH);
        assertThat(Arrays.copyOf(first, 32)).isNotEqualTo(Arrays.copyOf(second, 32));
        assertThat(Hpke.open(recipient, first, info)).isEqualTo(plaintext);
        assertThat(Hpke.open(recipient, second, info)).isEqualTo(plaintext);
        assertThat(Hpke.open(recipient, Hpke.seal(recipient.publicKey(), new byte[0], new byte[0]), new byte[0]))
                .isEmpty();
        byte[] longInfo = new byte[4096];
        assertThat(Hpke.open(recipient, Hpke.seal(recipient.publicKey(), plaintext, longInfo), longInfo))
                .isEqualTo(plaintext);
    }

    @Test
    void rejectsTamperingWrongInfoWrongKeyAndShortInput() {
        X25519PrivateKey recipient = X25519PrivateKey.generate(RANDOM);
        byte[] info = "info".getBytes();
        byte[] sealed = Hpke.seal(recipient.publicKey(), "payload".getBytes(), info);

        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> Hpke.open(recipient, tampered, info)).isInstanceOf(AuthenticationException.class);
        }
        assertThatThrownBy(() -> Hpke.open(recipient, sealed, "other".getBytes()))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> Hpke.open(X25519PrivateKey.generate(RANDOM), sealed, info))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> Hpke.open(recipient, Arrays.copyOf(sealed, 47), info))
                .isInstanceOf(AuthenticationException.class);
        byte[] lowOrderEnc = sealed.clone();
        Arrays.fill(lowOrderEnc, 0, 32, (byte) 0);
        assertThatThrownBy(() -> Hpke.open(recipient, lowOrderEnc, info)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void sealRejectsALowOrderRecipient() {
        assertThatThrownBy(() -> Hpke.seal(X25519PublicKey.fromRaw(new byte[32]), new byte[1], new byte[0]))
                .isInstanceOf(KeyFormatException.class);
    }
}
