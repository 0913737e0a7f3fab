package dev.missive.tcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LineFramer}: lines, terminators, the limit, and any split of the stream. */
class LineFramerTest {

    /** Records what a framer reports. */
    static final class Recorder implements LineFramer.Lines {
        final List<String> lines = new ArrayList<>();
        int oversize = -1;

        @Override
        public void line(byte[] line) {
            lines.add(new String(line, UTF_8));
        }

        @Override
        public void oversize(int maxLineBytes) {
            assertThat(oversize).as("oversize is reported once").isEqualTo(-1);
            oversize = maxLineBytes;
        }
    }

    private static void feed(LineFramer framer, String text) {
        byte[] bytes = text.getBytes(UTF_8);
        framer.accept(bytes, 0, bytes.length);
    }

    @Test
    void linesEndAtLfAndLoseATrailingCr() {
        Recorder r = new Recorder();
        LineFramer framer = new LineFramer(100, r);
        feed(framer, "{\"a\":1}\r\n{\"b\":2}\n\npartial");

        assertThat(r.lines).containsExactly("{\"a\":1}", "{\"b\":2}", "");
        feed(framer, " end\n");
        assertThat(r.lines).last().isEqualTo("partial end");
    }

    @Test
    void aLineOfExactlyTheLimitPassesWithOrWithoutCr() {
        Recorder r = new Recorder();
        LineFramer framer = new LineFramer(5, r);
        feed(framer, "12345\n");
        feed(framer, "12345\r");
        feed(framer, "\n");

        assertThat(r.lines).containsExactly("12345", "12345");
        assertThat(framer.overflowed()).isFalse();
    }

    @Test
    void aLongerLineIsReportedOnceAndTheRestIgnored() {
        Recorder r = new Recorder();
        LineFramer framer = new LineFramer(5, r);
        feed(framer, "ok\n1234");
        feed(framer, "56\nmore\n");
        feed(framer, "and more\n");

        assertThat(r.lines).containsExactly("ok");
        assertThat(r.oversize).isEqualTo(5);
        assertThat(framer.overflowed()).isTrue();
    }

    @Test
    void aCrFollowedByMoreTextAtTheLimitOverflows() {
        Recorder r = new Recorder();
        LineFramer framer = new LineFramer(5, r);
        feed(framer, "12345\r");
        feed(framer, "x\n");

        assertThat(r.lines).isEmpty();
        assertThat(r.oversize).isEqualTo(5);
    }

    @Test
    void anySplitOfTheStreamGivesTheSameLines() {
        qt().withExamples(300)
                .forAll(
                        lists().of(strings().ascii().ofLengthBetween(0, 40)).ofSizeBetween(0, 8),
                        lists().of(integers().between(1, 17)).ofSizeBetween(1, 10))
                .checkAssert((lines, cuts) -> {
                    List<String> clean = lines.stream()
                            .map(l -> l.replace("\n", "").replace("\r", ""))
                            .toList();
                    ByteArrayOutputStream stream = new ByteArrayOutputStream();
                    for (int i = 0; i < clean.size(); i++) {
                        stream.writeBytes(clean.get(i).getBytes(UTF_8));
                        stream.writeBytes(i % 2 == 0 ? new byte[] {'\n'} : new byte[] {'\r', '\n'});
                    }
                    byte[] bytes = stream.toByteArray();
                    Recorder r = new Recorder();
                    LineFramer framer = new LineFramer(40, r);
                    int at = 0;
                    int cut = 0;
                    while (at < bytes.length) {
                        int len = Math.min(cuts.get(cut++ % cuts.size()), bytes.length - at);
                        framer.accept(bytes, at, len);
                        at += len;
                    }
                    assertThat(r.lines).isEqualTo(clean);
                    assertThat(r.oversize).isEqualTo(-1);
                });
    }
}
