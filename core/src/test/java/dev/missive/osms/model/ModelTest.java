package dev.missive.osms.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.osms.OsmsHarness;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Usernames, the OTR PUBKEY serialisation and fingerprint, onion names. */
class ModelTest {

    @Test
    void usernamesAreAlphanumericUpTo32AndLowerCased() {
        assertThat(Username.of("Alice42").value()).isEqualTo("alice42");
        assertThat(Username.of("ALICE")).isEqualTo(Username.of("alice"));
        assertThat(Username.isValid("a".repeat(32))).isTrue();
        for (String bad :
                new String[] {"", "a".repeat(33), "al ice", "alice!", "al-ice", "\u00e4lice", "alice\n", "ａ"}) {
            assertThat(Username.isValid(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> Username.of(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Username.isValid(null)).isFalse();
    }

    @Test
    void pubkeyIsTypeZeroThenFourMinimalMpisAndRoundTrips() throws Exception {
        OtrPublicKey key = OtrPublicKey.of(OsmsHarness.ALICE_KEY.publicKey());
        byte[] encoded = key.encode();
        assertThat(Arrays.copyOfRange(encoded, 0, 6)).containsExactly(0, 0, 0, 0, 0, 0x80); // type, |p| = 128
        assertThat(OtrPublicKey.parse(encoded)).isEqualTo(key);
        assertThat(key.toJava().getY()).isEqualTo(key.y());

        byte[] expected = MessageDigest.getInstance("SHA-1").digest(Arrays.copyOfRange(encoded, 2, encoded.length));
        assertThat(key.fingerprint()).containsExactly(expected);
        assertThat(key.fingerprintHex())
                .isEqualTo(HexFormat.of().formatHex(expected))
                .hasSize(40);
        assertThat(OtrPublicKey.normalizeFingerprint(
                        key.fingerprintHex().toUpperCase().replaceAll("(.{8})", "$1 ")))
                .isEqualTo(key.fingerprintHex());
    }

    @Test
    void malformedPubkeysAreRefused() {
        byte[] good = OtrPublicKey.of(OsmsHarness.BOB_KEY.publicKey()).encode();
        byte[] wrongType = good.clone();
        wrongType[1] = 1;
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        byte[] truncated = Arrays.copyOf(good, good.length - 1);
        byte[] nonMinimal = new byte[good.length + 1];
        // p with a leading zero byte: length 129
        System.arraycopy(good, 0, nonMinimal, 0, 2);
        nonMinimal[5] = (byte) 0x81;
        System.arraycopy(good, 6, nonMinimal, 7, good.length - 6);
        for (byte[] bad : new byte[][] {wrongType, trailing, truncated, nonMinimal, new byte[0], new byte[] {0, 0}}) {
            assertThatThrownBy(() -> OtrPublicKey.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        BigInteger p = OtrPublicKey.of(OsmsHarness.BOB_KEY.publicKey()).p();
        BigInteger q = OtrPublicKey.of(OsmsHarness.BOB_KEY.publicKey()).q();
        assertThatThrownBy(() -> new OtrPublicKey(p, q, BigInteger.ONE, BigInteger.TWO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OtrPublicKey(p.shiftLeft(1), q, BigInteger.TWO, BigInteger.TWO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void v3OnionNamesAreCheckedThroughTheirChecksum() {
        String ddg = "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion";
        assertThat(OnionAddress.isValid(ddg)).isTrue();
        assertThat(OnionAddress.isValid(ddg.toUpperCase())).isTrue();
        OnionAddress address = new OnionAddress(ddg);
        assertThat(OnionAddress.fromPublicKey(address.publicKey())).isEqualTo(address);

        String flipped = "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczae.onion";
        assertThat(OnionAddress.isValid(flipped)).isFalse();
        assertThat(OnionAddress.isValid("expyuzz4wqqyqhjn.onion")).isFalse(); // v2: gone from Tor
        assertThat(OnionAddress.isValid("example.com")).isFalse();
        assertThat(OnionAddress.isValid(null)).isFalse();
        assertThat(OnionAddress.isOnionName("anything.ONION")).isTrue();
        assertThat(OnionAddress.isOnionName("example.com")).isFalse();
    }
}
