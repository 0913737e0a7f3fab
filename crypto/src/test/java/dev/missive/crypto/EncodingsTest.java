package dev.missive.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class EncodingsTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Gen<byte[]> BYTES =
            Generate.byteArrays(integers().between(0, 300), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));

    @Test
    void everyEncodingRoundTripsAndEncodesCanonically() {
        qt().withExamples(500).forAll(BYTES).checkAssert(bytes -> {
            assertThat(Encodings.fromHex(Encodings.hex(bytes))).isEqualTo(bytes);
            assertThat(Encodings.fromHex(Encodings.hex(bytes).toUpperCase())).isEqualTo(bytes);
            assertThat(Encodings.fromBase64(Encodings.base64(bytes))).isEqualTo(bytes);
            assertThat(Encodings.fromBase64Url(Encodings.base64Url(bytes))).isEqualTo(bytes);
            if (bytes.length > 0) {
                assertThat(Encodings.fromPem("X", Encodings.pem("X", bytes))).isEqualTo(bytes);
            }
        });
    }

    /** Decoders accept a text iff it is what the encoder writes for the bytes it decodes to. */
    @Test
    void decodersAcceptExactlyTheCanonicalSpellings() {
        // The url alphabet, then characters neither decoder may take as data.
        String characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ \n.\u00e9\u0100\uff10";
        qt().withExamples(3000)
                .forAll(
                        lists().of(integers().between(0, 63).mix(integers().between(0, characters.length() - 1), 10))
                                .ofSizeBetween(0, 11),
                        integers().between(0, 2))
                .checkAssert((sextets, padding) -> {
                    StringBuilder url = new StringBuilder();
                    sextets.forEach(i -> url.append(characters.charAt(i)));
                    String text = url.toString();
                    String standard = text.replace('-', '+').replace('_', '/') + "=".repeat(padding);
                    assertThat(canonical(
                                    text,
                                    Base64.getUrlDecoder(),
                                    Base64.getUrlEncoder().withoutPadding()))
                            .isEqualTo(accepts(() -> Encodings.fromBase64Url(text)));
                    assertThat(canonical(standard, Base64.getDecoder(), Base64.getEncoder()))
                            .isEqualTo(accepts(() -> Encodings.fromBase64(standard)));
                });
    }

    private static boolean canonical(String text, Base64.Decoder decoder, Base64.Encoder encoder) {
        try {
            return encoder.encodeToString(decoder.decode(text)).equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean accepts(Runnable decode) {
        try {
            decode.run();
            return true;
        } catch (EncodingException e) {
            return false;
        }
    }

    @Test
    void changingTheLastCharacterOfAnEncodingNeverDecodesToTheSameBytes() {
        qt().withExamples(300).forAll(BYTES, integers().between(0, 63)).checkAssert((bytes, index) -> {
            String text = Encodings.base64Url(bytes);
            if (text.isEmpty()) {
                return;
            }
            char replacement = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(index);
            String changed = text.substring(0, text.length() - 1) + replacement;
            if (!changed.equals(text)) {
                try {
                    assertThat(Encodings.fromBase64Url(changed)).isNotEqualTo(bytes);
                } catch (EncodingException nonCanonical) {
                    // trailing bits set: rejected, as it must be
                }
            }
        });
    }

    @Test
    void hexIsLowercaseAndDecodesEitherCase() {
        assertThat(Encodings.hex(new byte[] {0x00, (byte) 0xab, 0x7f, (byte) 0xff}))
                .isEqualTo("00ab7fff");
        assertThat(Encodings.fromHex("00AbCDef")).containsExactly(0x00, 0xab, 0xcd, 0xef);
        assertThat(Encodings.fromHex("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "abc", "0g", "zz", " 00", "00 ", "+1", "-1", "\u0660\u0661", "\uff10\uff11"})
    void hexRejectsOddLengthsAndNonHexCharacters(String text) {
        assertThatThrownBy(() -> Encodings.fromHex(text)).isInstanceOf(EncodingException.class);
    }

    @Test
    void base64FollowsRfc4648TestVectors() {
        String[][] vectors = {
            {"", ""},
            {"f", "Zg=="},
            {"fo", "Zm8="},
            {"foo", "Zm9v"},
            {"foob", "Zm9vYg=="},
            {"fooba", "Zm9vYmE="},
            {"foobar", "Zm9vYmFy"}
        };
        for (String[] v : vectors) {
            assertThat(Encodings.base64(v[0].getBytes())).isEqualTo(v[1]);
            assertThat(Encodings.fromBase64(v[1])).isEqualTo(v[0].getBytes());
            String unpadded = v[1].replace("=", "");
            assertThat(Encodings.base64Url(v[0].getBytes())).isEqualTo(unpadded);
            assertThat(Encodings.fromBase64Url(unpadded)).isEqualTo(v[0].getBytes());
        }
    }

    @Test
    void urlAlphabetUsesDashAndUnderscore() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf};
        assertThat(Encodings.base64(bytes)).isEqualTo("+/+/");
        assertThat(Encodings.base64Url(bytes)).isEqualTo("-_-_");
        assertThat(Encodings.fromBase64Url("-_-_")).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Zg",
                "Zg=",
                "Zg===",
                "Zh==",
                "Zm9=",
                "Z===",
                "Zm9v\n",
                " Zm9v",
                "Zm9v=",
                "Zm=v",
                "-_-_",
                "Zm9vYg==Zm9v",
                "Zm9\u00e9",
                "===="
            })
    void base64RejectsNonCanonicalText(String text) {
        assertThatThrownBy(() -> Encodings.fromBase64(text)).isInstanceOf(EncodingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zg==", "Zm8=", "+/+/", "Zh", "Zm9", "Z", "Zm9vY", "Zm9v\n", "Zm 9v", "Zm9v="})
    void base64UrlRejectsPaddingStandardAlphabetAndNonCanonicalText(String text) {
        assertThatThrownBy(() -> Encodings.fromBase64Url(text)).isInstanceOf(EncodingException.class);
    }

    @Test
    void pemRoundTripsWith64CharacterLines() {
        byte[] der = new byte[200];
        RANDOM.nextBytes(der);
        String pem = Encodings.pem("PUBLIC KEY", der);

        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----\n");
        assertThat(pem.lines().skip(1).limit(4)).allMatch(line -> line.length() == 64);
        assertThat(Encodings.fromPem("PUBLIC KEY", pem)).isEqualTo(der);
        assertThat(Encodings.fromPem("PUBLIC KEY", pem.replace("\n", "\r\n"))).isEqualTo(der);
        assertThat(Encodings.fromPem("PUBLIC KEY", "\n  " + pem + "\n\n")).isEqualTo(der);
    }

    @Test
    void pemRejectsMalformedArmour() {
        String pem = Encodings.pem("PUBLIC KEY", new byte[] {1, 2, 3});
        String[] bad = {
            "",
            pem.replace("PUBLIC KEY", "PRIVATE KEY"),
            pem.replace("-----END PUBLIC KEY-----", "-----END PRIVATE KEY-----"),
            pem.replace("-----END PUBLIC KEY-----\n", ""),
            pem.replace("-----BEGIN PUBLIC KEY-----\n", ""),
            "junk\n" + pem,
            pem + "junk\n",
            pem.replace("AQID", "AQJ="),
            pem.replace("AQID", "AQ ID"),
            pem.replace("AQID", "Proc-Type: 4,ENCRYPTED\nAQID"),
            "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n",
            pem + pem,
        };
        for (String text : bad) {
            assertThatThrownBy(() -> Encodings.fromPem("PUBLIC KEY", text))
                    .as(text)
                    .isInstanceOf(EncodingException.class);
        }
    }

    @Test
    void pemNeedsAValidLabelAndABody() {
        assertThatThrownBy(() -> Encodings.pem("BAD-----", new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Encodings.pem("", new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Encodings.pem("TWO  SPACES", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Encodings.pem("PUBLIC KEY", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorMessagesDoNotEchoTheInput() {
        String secretish = "c2VjcmV0LXZhbHVl!";
        assertThatThrownBy(() -> Encodings.fromBase64(secretish)).hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> Encodings.fromBase64Url(secretish)).hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> Encodings.fromHex("abcdefgh")).hasMessageNotContaining("abcdef");
    }

    @Test
    void eitherSpellingOfAValueDecodesToIt() {
        qt().withExamples(500).forAll(BYTES).checkAssert(bytes -> {
            assertThat(Encodings.fromBase64OrBase64Url(Encodings.base64(bytes))).isEqualTo(bytes);
            assertThat(Encodings.fromBase64OrBase64Url(Encodings.base64Url(bytes)))
                    .isEqualTo(bytes);
        });
    }

    @Test
    void aMixOfTheTwoAlphabetsIsNeither() {
        assertThatThrownBy(() -> Encodings.fromBase64OrBase64Url("ab+_")).isInstanceOf(EncodingException.class);
        assertThatThrownBy(() -> Encodings.fromBase64OrBase64Url("a-c=")).isInstanceOf(EncodingException.class);
    }
}
