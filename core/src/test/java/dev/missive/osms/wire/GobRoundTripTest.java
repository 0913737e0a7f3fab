package dev.missive.osms.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Properties: whatever our encoder writes, our decoder reads back unchanged. */
class GobRoundTripTest {

    private static final GobType.Struct RECORD = new GobType.Struct(
            "Record",
            List.of(
                    new GobType.Field("Name", GobType.STRING),
                    new GobType.Field("Count", GobType.INT),
                    new GobType.Field("Size", GobType.UINT),
                    new GobType.Field("Ok", GobType.BOOL),
                    new GobType.Field("Ratio", GobType.FLOAT),
                    new GobType.Field("Data", GobType.BYTES),
                    new GobType.Field("Big", new GobType.Opaque("big.Int", 4))));

    @Test
    void structsRoundTrip() {
        qt().withExamples(300)
                .forAll(
                        strings().ascii().ofLengthBetween(0, 40),
                        longs().all(),
                        longs().all(),
                        doubles().any())
                .checkAssert((name, count, size, ratio) -> {
                    // the remaining fields derive from the generated ones
                    long big = count ^ size;
                    int ok = (int) (size & 1);
                    String data = Long.toHexString(count).repeat((int) (size & 3));
                    Map<String, Object> value = new LinkedHashMap<>();
                    value.put("Name", name);
                    value.put("Count", count);
                    value.put("Size", size);
                    value.put("Ok", ok == 1);
                    value.put("Ratio", ratio);
                    value.put("Data", data.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    value.put("Big", Gob.encodeBigInt(BigInteger.valueOf(big).multiply(BigInteger.TEN.pow(30))));
                    Gob.Encoder encoder = new Gob.Encoder();
                    byte[] stream = concat(encoder.encode(RECORD, value), encoder.encode(RECORD, value));
                    try {
                        Gob.Decoder decoder = new Gob.Decoder(stream);
                        for (int i = 0; i < 2; i++) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> decoded = (Map<String, Object>)
                                    decoder.next().orElseThrow().value();
                            assertThat(decoded.containsKey("Name")).isEqualTo(!name.isEmpty());
                            if (!name.isEmpty()) {
                                assertThat(decoded.get("Name")).isEqualTo(name);
                            }
                            assertThat(decoded.getOrDefault("Count", 0L)).isEqualTo(count);
                            assertThat(decoded.getOrDefault("Size", 0L)).isEqualTo(size);
                            assertThat(decoded.getOrDefault("Ok", false)).isEqualTo(ok == 1);
                            assertThat(Double.doubleToLongBits((Double) decoded.getOrDefault("Ratio", 0.0)))
                                    .isEqualTo(Double.doubleToLongBits(ratio == 0.0 ? 0.0 : ratio));
                            assertThat((byte[]) decoded.getOrDefault("Data", new byte[0]))
                                    .isEqualTo(value.get("Data"));
                            assertThat(Gob.decodeBigInt((byte[]) decoded.get("Big")))
                                    .isEqualTo(BigInteger.valueOf(big).multiply(BigInteger.TEN.pow(30)));
                        }
                        assertThat(decoder.next()).isEmpty();
                    } catch (GobException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void userDocumentsRoundTripInBothFormats() {
        qt().withExamples(200)
                .forAll(
                        longs().between(0, Long.MAX_VALUE),
                        integers().between(1, 10_000),
                        arbitrary().enumValues(MediaTypes.Format.class))
                .checkAssert((number, n, format) -> {
                    String name = (number % 2 == 0 ? "U" : "") + Long.toString(number, 36);
                    var key = dev.missive.osms.spi.TestKeys.key(n);
                    byte[] body = UserDocuments.encodeUser(dev.missive.osms.model.Username.of(name), key, format);
                    try {
                        var decoded = UserDocuments.decodeUser(body, format);
                        assertThat(decoded.username().value()).isEqualTo(name.toLowerCase(java.util.Locale.ROOT));
                        assertThat(decoded.publicKey()).isEqualTo(key);
                        assertThat(UserDocuments.decodeServerKey(UserDocuments.encodeServerKey(key, format), format))
                                .isEqualTo(key);
                    } catch (dev.missive.osms.model.OsmsException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
