package dev.missive.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DigestsTest {

    static List<Vectors.Entry> rfc4231() {
        return Vectors.load("hmac-sha256-rfc4231.txt");
    }

    static List<Vectors.Entry> rfc5869() {
        return Vectors.load("hkdf-rfc5869.txt");
    }

    @Test
    void sha256MatchesFips180Examples() {
        assertThat(Encodings.hex(Digests.sha256(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Encodings.hex(Digests.sha256("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @ParameterizedTest(name = "RFC 4231 case {0}")
    @MethodSource("rfc4231")
    void hmacSha256MatchesRfc4231(Vectors.Entry v) {
        byte[] expected = v.bytes("mac");
        byte[] mac = Hmac.sha256(v.bytes("key"), v.bytes("data"));
        // Case 5 publishes only the first 128 bits.
        assertThat(Arrays.copyOf(mac, expected.length)).isEqualTo(expected);
    }

    @Test
    void hmacWithAnEmptyKeyEqualsTheZeroPaddedKey() {
        byte[] data = "data".getBytes(StandardCharsets.US_ASCII);
        assertThat(Hmac.sha256(new byte[0], data)).isEqualTo(Hmac.sha256(new byte[64], data));
    }

    @ParameterizedTest(name = "RFC 5869 {0}")
    @MethodSource("rfc5869")
    void hkdfSha256MatchesRfc5869(Vectors.Entry v) {
        byte[] okm = Hkdf.sha256(v.bytes("salt"), v.bytes("ikm"), v.bytes("info"), v.integer("length"));
        assertThat(okm).isEqualTo(v.bytes("okm"));
    }

    @Test
    void hkdfOutputIsAPrefixOfLongerOutput() {
        byte[] longer = Hkdf.sha256(new byte[3], new byte[5], new byte[7], 100);
        assertThat(Hkdf.sha256(new byte[3], new byte[5], new byte[7], 33)).isEqualTo(Arrays.copyOf(longer, 33));
        assertThat(Hkdf.sha256(new byte[0], new byte[5], new byte[0], Hkdf.MAX_LENGTH))
                .hasSize(8160);
    }

    @Test
    void hkdfRejectsOutOfRangeLengths() {
        assertThatThrownBy(() -> Hkdf.sha256(new byte[0], new byte[1], new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hkdf.sha256(new byte[0], new byte[1], new byte[0], Hkdf.MAX_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constantTimeEqualityComparesContent() {
        assertThat(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        assertThat(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
        assertThat(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 2, 0})).isFalse();
        assertThat(ConstantTime.equals(new byte[0], new byte[0])).isTrue();
        assertThat(ConstantTime.equals("é", "\u00e9")).isTrue();
        assertThat(ConstantTime.equals("abc", "abd")).isFalse();
        assertThat(ConstantTime.equals("abc", "ab")).isFalse();
    }
}
