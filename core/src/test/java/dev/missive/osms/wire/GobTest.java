package dev.missive.osms.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors produced by Go's {@code encoding/gob} (Go 1.19.8; see
 * {@code /work/shared/protocols/osms.md} §7.4 and {@code docs/osms.md} §Gob), in both directions.
 */
class GobTest {

    private static final HexFormat HEX = HexFormat.of();

    /** {@code Encode(User{"alice", de ad be ef})} on a new encoder: type definition + value. */
    static final String USER_ALICE =
            "2dff81030101045573657201ff820001020108557365726e616d65010c0001095075626c69634b6579010a00000010ff820105616c6963650104deadbeef00";

    /** A second {@code Encode(User{Username: "bob"})} on the same encoder. */
    static final String USER_BOB_SAME_STREAM = "08ff820103626f6200";

    /** {@code Encode("hi")}: a top-level string. */
    static final String STRING_HI = "050c00026869";

    private static Map<String, Object> user(String name, byte[] key) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("Username", name);
        value.put("PublicKey", key);
        return value;
    }

    @Test
    void encodesExactlyWhatGoEncodes() {
        Gob.Encoder encoder = new Gob.Encoder();
        assertThat(HEX.formatHex(encoder.encode(UserDocuments.USER, user("alice", HEX.parseHex("deadbeef")))))
                .isEqualTo(USER_ALICE);
        assertThat(HEX.formatHex(encoder.encode(UserDocuments.USER, user("bob", new byte[0]))))
                .isEqualTo(USER_BOB_SAME_STREAM);
        assertThat(HEX.formatHex(new Gob.Encoder().encode(GobType.STRING, "hi")))
                .isEqualTo(STRING_HI);
    }

    @Test
    void decodesWhatGoEncodes() throws Exception {
        Gob.Decoder decoder = new Gob.Decoder(HEX.parseHex(USER_ALICE + USER_BOB_SAME_STREAM));
        Gob.Decoded first = decoder.next().orElseThrow();
        assertThat(first.type()).isEqualTo(UserDocuments.USER);
        Map<?, ?> alice = (Map<?, ?>) first.value();
        assertThat(alice.get("Username")).isEqualTo("alice");
        assertThat((byte[]) alice.get("PublicKey")).containsExactly(HEX.parseHex("deadbeef"));

        Map<?, ?> bob = (Map<?, ?>) decoder.next().orElseThrow().value();
        assertThat(bob.get("Username")).isEqualTo("bob");
        assertThat(bob.containsKey("PublicKey")).isFalse(); // zero value omitted by Go
        assertThat(decoder.next()).isEmpty();

        assertThat(new Gob.Decoder(HEX.parseHex(STRING_HI)).next().orElseThrow().value())
                .isEqualTo("hi");
    }

    @Test
    void stringsAreUtf8AndLoneSurrogatesAreRefused() throws Exception {
        String text = "h\u00e9llo \u2713 \ud83d\ude00";
        byte[] stream = new Gob.Encoder().encode(GobType.STRING, text);
        assertThat(new Gob.Decoder(stream).next().orElseThrow().value()).isEqualTo(text);
        assertThatThrownBy(() -> new Gob.Encoder().encode(GobType.STRING, "bad \ud83d"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bigIntUsesItsOwnEncoding() throws Exception {
        // big.NewInt(-258) GobEncodes as 03 01 02 (version 1, negative, magnitude 0x0102).
        assertThat(Gob.encodeBigInt(BigInteger.valueOf(-258))).containsExactly(3, 1, 2);
        assertThat(Gob.decodeBigInt(new byte[] {3, 1, 2})).isEqualTo(BigInteger.valueOf(-258));
        assertThat(Gob.decodeBigInt(Gob.encodeBigInt(BigInteger.ZERO))).isZero();
        assertThatThrownBy(() -> Gob.decodeBigInt(new byte[] {4, 1})).isInstanceOf(GobException.class);
    }

    /**
     * A Go sender with a newer struct: reordered fields, an extra field of an unknown nested struct
     * type, and a type defined but never used. The reader keeps what it knows.
     */
    @Test
    void unknownFieldsAndTypesAreSkipped() throws Exception {
        GobType.Struct extra = new GobType.Struct(
                "Extra", List.of(new GobType.Field("Note", GobType.STRING), new GobType.Field("N", GobType.INT)));
        GobType.Struct newer = new GobType.Struct(
                "User",
                List.of(
                        new GobType.Field("Version", GobType.UINT),
                        new GobType.Field("PublicKey", GobType.BYTES),
                        new GobType.Field("Meta", extra),
                        new GobType.Field("Tags", new GobType.Slice("[]string", GobType.STRING)),
                        new GobType.Field("Username", GobType.STRING)));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("Version", 7L);
        value.put("PublicKey", new byte[] {9});
        value.put("Meta", Map.of("Note", "x", "N", -3L));
        value.put("Tags", List.of("a", "b"));
        value.put("Username", "carol");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Gob.Encoder encoder = new Gob.Encoder();
        stream.writeBytes(encoder.encode(
                new GobType.Struct("Unused", List.of(new GobType.Field("Z", GobType.BOOL))), Map.of()));
        stream.writeBytes(encoder.encode(newer, value));

        Gob.Decoder decoder = new Gob.Decoder(stream.toByteArray());
        decoder.next(); // the value of the unused type
        Map<?, ?> decoded = (Map<?, ?>) decoder.next().orElseThrow().value();
        assertThat(decoded.get("Username")).isEqualTo("carol");
        assertThat((byte[]) decoded.get("PublicKey")).containsExactly(9);
        assertThat(((Map<?, ?>) decoded.get("Meta")).get("N")).isEqualTo(-3L);
        assertThat(decoded.get("Tags")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void unsignedAndSignedIntegersFollowGo() {
        assertThat(uint(0)).isEqualTo("00");
        assertThat(uint(7)).isEqualTo("07");
        assertThat(uint(256)).isEqualTo("fe0100");
        assertThat(uint(-1)).isEqualTo("f8ffffffffffffffff");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Gob.writeSigned(out, -1);
        Gob.writeSigned(out, 65);
        Gob.writeSigned(out, -65);
        assertThat(HEX.formatHex(out.toByteArray())).isEqualTo("01ff82ff81");
        // 17.0 as a float: byte-reversed float64 bits
        assertThat(HEX.formatHex(new Gob.Encoder().encode(GobType.FLOAT, 17.0))).isEqualTo("050800fe3140");
    }

    private static String uint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Gob.writeUint(out, v);
        return HEX.formatHex(out.toByteArray());
    }

    @Test
    void malformedStreamsAreRefused() {
        for (String hex : List.of(
                "ff", // truncated length
                "05", // message longer than the stream
                "02ff82", // value of an undefined type
                USER_ALICE.substring(0, 40), // truncated definition
                "030c0002", // string longer than the message
                "040c0001ff", // non-UTF-8 string
                "0302017f", // bool out of range... of type int with extra bytes
                "03100000", // value typed as wireType (reserved id)
                "0310000000")) {
            assertThatThrownBy(() -> {
                        Gob.Decoder d = new Gob.Decoder(HEX.parseHex(hex));
                        while (d.next().isPresent()) {}
                    })
                    .as(hex)
                    .isInstanceOf(GobException.class);
        }
    }

    @Test
    void aRepeatedTypeDefinitionIsRefused() {
        String definition = USER_ALICE.substring(0, 92); // the 2d-byte type message
        assertThatThrownBy(() -> new Gob.Decoder(HEX.parseHex(definition + definition)).next())
                .isInstanceOf(GobException.class);
    }
}
