package dev.missive.openmsg.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.Secret;
import dev.missive.crypto.SecretBox;
import dev.missive.crypto.SymmetricKey;
import dev.missive.openmsg.model.OpenmsgAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Known-answer vectors from the digest §6 (PHP sodium output, independently re-checked) and round trips. */
class MessageSealTest {

    private static final Secret KEY = Secret.ofText("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final Secret AUTH = Secret.ofText("ab".repeat(32));
    private static final byte[] SALT = Encodings.fromHex("cd".repeat(16));
    private static final String PACKAGE =
            "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXUEIpC0LVvedJi1F3GosidQJyORVVcfRaozccEg-pL4KrRWc";

    private static byte[] nonce() {
        byte[] nonce = new byte[24];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) (0x40 + i);
        }
        return nonce;
    }

    @Test
    void sealMatchesThePhpReference() {
        MessageSeal.Sealed sealed = MessageSeal.seal(KEY, AUTH, nonce(), SALT, 1_700_000_000L, "Hello Openmsg user!");
        assertThat(sealed.messagePackage()).isEqualTo(PACKAGE);
        assertThat(sealed.messageNonce()).isEqualTo("QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZX");
        assertThat(sealed.messageSalt()).isEqualTo("cd".repeat(16));
        assertThat(sealed.messageHash()).isEqualTo("1064a1977e62e15233c69aea750433008446499ed2e6833ae8c0a1165ddcdd17");
        byte[] box = Arrays.copyOfRange(Encodings.fromBase64Url(PACKAGE), 24, 24 + 35);
        assertThat(Encodings.hex(box))
                .isEqualTo("5042290b42d5bde7498b51771a8b2275027239155571f45aa3371c120fa92f82ab4567");
    }

    @Test
    void presentedHashMatchesInEitherCaseAndNothingElse() {
        String hash = "1064a1977e62e15233c69aea750433008446499ed2e6833ae8c0a1165ddcdd17";
        assertThat(MessageSeal.messageHashMatches(hash, PACKAGE, AUTH, "cd".repeat(16), 1_700_000_000L))
                .isTrue();
        assertThat(MessageSeal.messageHashMatches(
                        hash.toUpperCase(java.util.Locale.ROOT), PACKAGE, AUTH, "cd".repeat(16), 1_700_000_000L))
                .isTrue();
        assertThat(MessageSeal.messageHashMatches(hash, PACKAGE, AUTH, "cd".repeat(16), 1_700_000_001L))
                .isFalse();
        assertThat(MessageSeal.messageHashMatches(
                        hash.substring(0, 62) + "18", PACKAGE, AUTH, "cd".repeat(16), 1_700_000_000L))
                .isFalse();
        assertThat(MessageSeal.messageHashMatches(
                        hash.substring(0, 62), PACKAGE, AUTH, "cd".repeat(16), 1_700_000_000L))
                .isFalse();
        assertThat(MessageSeal.messageHashMatches(
                        hash.substring(0, 62) + "1g", PACKAGE, AUTH, "cd".repeat(16), 1_700_000_000L))
                .isFalse();
    }

    @Test
    void passcodeHashMatchesThePhpReference() {
        assertThat(MessageSeal.passcodeHash(
                                Secret.ofText("123456"),
                                OpenmsgAddress.parse("1*a.example"),
                                OpenmsgAddress.parse("2*b.example"))
                        .revealText())
                .isEqualTo("6e1697ab6b4eea72c93c066f8b4b68acb3c457cf6bedc35d0a3f10fa877aff13");
    }

    @Test
    void referencePackageOpens() throws Exception {
        MessageSeal.Opened opened = MessageSeal.decodePackage(PACKAGE);
        assertThat(opened.nonceText()).isEqualTo("QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZX");
        assertThat(MessageSeal.open(KEY, opened)).contains("Hello Openmsg user!");
    }

    @Test
    void everyBitFlipOfTheBoxIsRefused() throws Exception {
        byte[] bytes = Encodings.fromBase64Url(PACKAGE);
        for (int i = 24; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = bytes.clone();
                flipped[i] ^= (byte) (1 << bit);
                assertThat(MessageSeal.open(KEY, MessageSeal.decodePackage(Encodings.base64Url(flipped))))
                        .isEmpty();
            }
        }
    }

    @Test
    void wrongKeyIsRefused() throws Exception {
        assertThat(MessageSeal.open(Secret.ofText("ff".repeat(32)), MessageSeal.decodePackage(PACKAGE)))
                .isEmpty();
        assertThat(MessageSeal.open(Secret.ofText("not hex"), MessageSeal.decodePackage(PACKAGE)))
                .isEmpty();
    }

    @Test
    void packageMustBeStrictBase64UrlAndLongEnough() {
        assertThatThrownBy(() -> MessageSeal.decodePackage(PACKAGE.replace('-', '+')))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> MessageSeal.decodePackage(PACKAGE + "=")).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> MessageSeal.decodePackage(PACKAGE.substring(0, 52)))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> MessageSeal.decodePackage("")).isInstanceOf(WireFormatException.class);
    }

    @Test
    void sealThenOpenRoundTripsAnyText() {
        qt().forAll(
                        strings().allPossible().ofLengthBetween(0, 300),
                        longs().between(0, 4_000_000_000L),
                        integers().allPositive())
                .checkAssert((text, timestamp, seed) -> {
                    byte[] nonce = new byte[24];
                    Arrays.fill(nonce, (byte) seed.intValue());
                    MessageSeal.Sealed sealed = MessageSeal.seal(KEY, AUTH, nonce, SALT, timestamp, text);
                    try {
                        MessageSeal.Opened opened = MessageSeal.decodePackage(sealed.messagePackage());
                        assertThat(opened.nonceText()).isEqualTo(sealed.messageNonce());
                        String expected = new String(
                                text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                java.nio.charset.StandardCharsets.UTF_8);
                        assertThat(MessageSeal.open(KEY, opened)).contains(expected);
                    } catch (WireFormatException e) {
                        throw new AssertionError(e);
                    }
                    assertThat(MessageSeal.messageHash(sealed.messagePackage(), AUTH, sealed.messageSalt(), timestamp))
                            .isEqualTo(sealed.messageHash());
                });
    }

    /** A package whose plaintext is {@code plaintext} as given, well-formed UTF-8 or not. */
    private static MessageSeal.Opened packageOf(byte[] plaintext) throws WireFormatException {
        byte[] box = SecretBox.seal(SymmetricKey.of(Encodings.fromHex(KEY.revealText())), nonce(), plaintext);
        byte[] packageBytes = new byte[24 + box.length];
        System.arraycopy(nonce(), 0, packageBytes, 0, 24);
        System.arraycopy(box, 0, packageBytes, 24, box.length);
        return MessageSeal.decodePackage(Encodings.base64Url(packageBytes));
    }

    /** What a reporting JDK decoder says: the strictness {@code open} must keep. */
    private static Optional<String> strictDecode(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "c0af",
                "e080af",
                "eda080",
                "edbfbf",
                "e282",
                "80",
                "bf",
                "f4908080",
                "f8888080",
                "fe",
                "ff",
                "61e2",
                "41c3"
            })
    void malformedUtf8PlaintextIsRefused(String hex) throws Exception {
        assertThat(MessageSeal.open(KEY, packageOf(Encodings.fromHex(hex)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"efbfbd", "f09f9880", "f48fbfbf", "c3a9", "00", "7f", "efbbbf61"})
    void wellFormedUtf8PlaintextOpens(String hex) throws Exception {
        byte[] bytes = Encodings.fromHex(hex);
        assertThat(MessageSeal.open(KEY, packageOf(bytes))).contains(new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void openIsExactlyAsStrictAsAReportingDecoder() {
        // Bytes drawn mostly from the UTF-8 lead/continuation ranges so that both outcomes are common.
        qt().forAll(lists().of(integers().between(0x70, 0xff)).ofSizeBetween(0, 12))
                .checkAssert(values -> {
                    byte[] bytes = new byte[values.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = values.get(i).byteValue();
                    }
                    try {
                        assertThat(MessageSeal.open(KEY, packageOf(bytes))).isEqualTo(strictDecode(bytes));
                    } catch (WireFormatException e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
