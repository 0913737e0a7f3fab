package dev.missive.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Any stream cut anywhere: {@link LineFramer} never throws, passes only lines within the limit
 * that hold no LF, reports an oversize line at most once and nothing after it, and gives the same
 * lines as the stream fed in one piece. The first input byte picks the limit and the chunk size; the
 * rest is the stream. Seeds: {@code LineFramerFuzzTestInputs/frame/}.
 */
class LineFramerFuzzTest {

    @FuzzTest
    void frame(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int maxLine = 1 + (input[0] & 0x3f);
        int chunk = 1 + ((input[0] & 0xff) >>> 6);
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);

        Outcome whole = run(maxLine, stream, stream.length == 0 ? 1 : stream.length);
        Outcome cut = run(maxLine, stream, chunk);

        assertThat(cut.lines.size()).isEqualTo(whole.lines.size());
        for (int i = 0; i < cut.lines.size(); i++) {
            assertThat(cut.lines.get(i)).isEqualTo(whole.lines.get(i));
        }
        assertThat(cut.oversize).isEqualTo(whole.oversize);
        for (byte[] line : cut.lines) {
            assertThat(line.length).isLessThanOrEqualTo(maxLine);
            for (byte b : line) {
                assertThat(b).isNotEqualTo((byte) '\n');
            }
        }
    }

    private record Outcome(List<byte[]> lines, int oversize) {}

    private static Outcome run(int maxLine, byte[] stream, int chunk) {
        List<byte[]> lines = new ArrayList<>();
        int[] oversize = {0};
        boolean[] after = {false};
        LineFramer framer = new LineFramer(maxLine, new LineFramer.Lines() {
            @Override
            public void line(byte[] line) {
                assertThat(after[0]).as("no line after an oversize one").isFalse();
                lines.add(line);
            }

            @Override
            public void oversize(int maxLineBytes) {
                oversize[0]++;
                after[0] = true;
            }
        });
        for (int at = 0; at < stream.length; at += chunk) {
            framer.accept(stream, at, Math.min(chunk, stream.length - at));
        }
        assertThat(oversize[0]).isLessThanOrEqualTo(1);
        return new Outcome(lines, oversize[0]);
    }
}
