package dev.missive.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Any bytes, split at the first byte's value: the reader never throws, and every transmission it
 * emits (but the over-size marker) reads back identically from its own encoding.
 */
class SmpTransmissionReaderFuzzTest {

    @FuzzTest
    void read(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int cut = Math.min(input[0] & 0xff, input.length - 1);
        List<SmpTransmission> out = new ArrayList<>();
        SmpTransmissionReader reader = new SmpTransmissionReader(out::add, 256, 4096);
        reader.accept(input, 1, cut);
        reader.accept(input, 1 + cut, input.length - 1 - cut);
        for (SmpTransmission t : out) {
            if (t.command().equals(SmpTransmissionReader.OVERSIZED)) {
                continue;
            }
            List<SmpTransmission> again = new ArrayList<>();
            byte[] encoded = t.encode();
            new SmpTransmissionReader(again::add, 1 << 20, 1 << 20).accept(encoded, 0, encoded.length);
            assertThat(again).containsExactly(t);
        }
    }
}
