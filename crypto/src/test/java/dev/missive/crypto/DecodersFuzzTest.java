package dev.missive.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer targets for everything that parses untrusted input. In the normal build they run in
 * regression mode over the committed seeds in {@code DecodersFuzzTestInputs/<method>/}; with {@code
 * JAZZER_FUZZ=1} they fuzz.
 */
class DecodersFuzzTest {

    /**
     * The text decoders throw nothing but {@link EncodingException}, and whatever they accept is the
     * canonical encoding of what they return.
     */
    @FuzzTest(maxDuration = "30s")
    void textDecodersAreStrictAndTotal(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            assertThat(Encodings.hex(Encodings.fromHex(text))).isEqualToIgnoringCase(text);
        } catch (EncodingException expected) {
            // rejected input is fine; any other exception fails the target
        }
        try {
            assertThat(Encodings.base64(Encodings.fromBase64(text))).isEqualTo(text);
        } catch (EncodingException expected) {
            // rejected
        }
        try {
            assertThat(Encodings.base64Url(Encodings.fromBase64Url(text))).isEqualTo(text);
        } catch (EncodingException expected) {
            // rejected
        }
        try {
            byte[] der = Encodings.fromPem("PUBLIC KEY", text);
            assertThat(Encodings.fromPem("PUBLIC KEY", Encodings.pem("PUBLIC KEY", der)))
                    .isEqualTo(der);
        } catch (EncodingException expected) {
            // rejected
        }
    }

    /** The DER key parsers throw nothing but {@link KeyFormatException}, and accepted keys re-encode identically. */
    @FuzzTest(maxDuration = "30s")
    void keyParsersThrowOnlyKeyFormatException(byte[] der) {
        try {
            KeyAlgorithm algorithm = PublicKeys.algorithmOf(der);
            byte[] reencoded = switch (algorithm) {
                case ED25519 -> Ed25519PublicKey.fromSpki(der).spki();
                case X25519 -> X25519PublicKey.fromSpki(der).spki();
                case RSA -> RsaPublicKey.fromSpki(der).spki();
            };
            assertThat(reencoded).isEqualTo(der);
        } catch (KeyFormatException expected) {
            // rejected
        }
        try {
            assertThat(Ed25519PrivateKey.fromPkcs8(der).revealSecret()).hasSize(32);
        } catch (KeyFormatException expected) {
            // rejected
        }
        try {
            assertThat(RsaPrivateKey.fromPkcs8(der).publicKey().modulusBits()).isPositive();
        } catch (KeyFormatException expected) {
            // rejected
        }
    }
}
