package dev.missive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The testkit's own transmission parser: framing of the seed dialect, in any split of the stream. */
class SmpTransmissionReaderTest {

    private static List<SmpTransmission> read(byte[] stream, int... cuts) {
        List<SmpTransmission> out = new ArrayList<>();
        SmpTransmissionReader reader = new SmpTransmissionReader(out::add, 1024, 1 << 16);
        int from = 0;
        for (int cut : cuts) {
            reader.accept(stream, from, cut - from);
            from = cut;
        }
        reader.accept(stream, from, stream.length - from);
        return out;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsLinesBodiesAndBareLineFeeds() {
        byte[] stream = ascii("\r\nRID\r\nMSG id 2020-10-18T20:19:36.874Z 5\r\na\r\nb\n\r\n\n\nIDS r s\n"
                + "sig\r\nSID\r\nSEND :hello\r\n");
        assertThat(read(stream))
                .containsExactly(
                        new SmpTransmission("", "RID", "MSG id 2020-10-18T20:19:36.874Z 5", ascii("a\r\nb\n")),
                        new SmpTransmission("", "", "IDS r s", null),
                        new SmpTransmission("sig", "SID", "SEND :hello", null));
    }

    @Test
    void anEmptyBodyStillEndsWithOneLineBreak() {
        assertThat(read(ascii("\r\nSID\r\nSEND 0\r\n\r\n\r\n\r\nOK\r\n")))
                .containsExactly(
                        new SmpTransmission("", "SID", "SEND 0", new byte[0]), new SmpTransmission("", "", "OK", null));
    }

    @Test
    void anOverlongLineOrBodyIsReportedOnceAndEndsTheStream() {
        byte[] longLine = new byte[2000];
        java.util.Arrays.fill(longLine, (byte) 'A');
        assertThat(read(longLine))
                .extracting(SmpTransmission::command)
                .containsExactly(SmpTransmissionReader.OVERSIZED);
        assertThat(read(ascii("\r\nSID\r\nSEND 999999\r\n\r\n\r\nOK\r\n")))
                .extracting(SmpTransmission::command)
                .containsExactly(SmpTransmissionReader.OVERSIZED);
    }

    @Test
    void anySplitOfEncodedTransmissionsReadsBackTheSame() {
        qt().forAll(
                        lists().of(integers().between(0, 40)).ofSizeBetween(1, 6),
                        lists().of(integers().between(0, 400)).ofSizeBetween(0, 5))
                .checkAssert((bodySizes, cutPoints) -> {
                    List<SmpTransmission> sent = new ArrayList<>();
                    ByteArrayOutputStream stream = new ByteArrayOutputStream();
                    for (int size : bodySizes) {
                        byte[] body = new byte[size];
                        for (int i = 0; i < size; i++) {
                            body[i] = (byte) (i * 37 + size); // includes CR and LF bytes
                        }
                        SmpTransmission t = size % 3 == 0
                                ? new SmpTransmission("c2ln", "UklE", "OK", null)
                                : new SmpTransmission("", "UklE", "MSG bXNn 2020-10-18T20:19:36.874Z " + size, body);
                        sent.add(t);
                        stream.writeBytes(t.encode());
                    }
                    byte[] bytes = stream.toByteArray();
                    int[] cuts = cutPoints.stream()
                            .mapToInt(c -> Math.min(c, bytes.length))
                            .sorted()
                            .toArray();
                    assertThat(read(bytes, cuts)).containsExactlyElementsOf(sent);
                });
    }
}
