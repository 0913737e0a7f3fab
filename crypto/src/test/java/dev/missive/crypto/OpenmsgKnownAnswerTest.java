package dev.missive.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The Openmsg message vector from docs/research/openmsg.md §6, generated with PHP sodium:
 * secretbox output, the base64url (no padding) package nonce ‖ tag ‖ ciphertext, and the SHA-256
 * message hash. Proves the primitives Openmsg needs are byte-compatible with the PHP reference.
 */
class OpenmsgKnownAnswerTest {

    private static final Vectors.Entry V = Vectors.single("openmsg-kat.txt");

    @Test
    void secretboxMatchesPhpSodium() {
        SymmetricKey key = SymmetricKey.of(V.bytes("key"));
        byte[] box = SecretBox.seal(key, V.bytes("nonce"), V.bytes("plaintext"));
        assertThat(box).isEqualTo(V.bytes("box"));
        assertThat(new String(SecretBox.open(key, V.bytes("nonce"), box), StandardCharsets.UTF_8))
                .isEqualTo("Hello Openmsg user!");
    }

    @Test
    void packageIsBase64UrlOfNonceThenBox() {
        byte[] packaged = SymmetricCiphersTest.concat(V.bytes("nonce"), V.bytes("box"));
        assertThat(Encodings.base64Url(packaged)).isEqualTo(V.ascii("package"));
        assertThat(Encodings.base64Url(V.bytes("nonce"))).isEqualTo(V.ascii("message_nonce"));

        byte[] decoded = Encodings.fromBase64Url(V.ascii("package"));
        byte[] nonce = Arrays.copyOf(decoded, SecretBox.NONCE_LENGTH);
        byte[] box = Arrays.copyOfRange(decoded, SecretBox.NONCE_LENGTH, decoded.length);
        assertThat(SecretBox.open(SymmetricKey.of(V.bytes("key")), nonce, box)).isEqualTo(V.bytes("plaintext"));
    }

    @Test
    void messageHashIsSha256OfTheConcatenatedText() {
        String input = V.ascii("package") + V.ascii("auth_code") + V.ascii("salt") + V.ascii("timestamp");
        String hash = Encodings.hex(Digests.sha256(input.getBytes(StandardCharsets.US_ASCII)));
        assertThat(hash).isEqualTo(V.ascii("message_hash"));
        assertThat(ConstantTime.equals(hash, V.ascii("message_hash"))).isTrue();
    }

    @Test
    void passcodeHashIsSha256OfTheConcatenatedText() {
        assertThat(Encodings.hex(Digests.sha256(V.bytes("passcode_input")))).isEqualTo(V.ascii("passcode_hash"));
    }
}
