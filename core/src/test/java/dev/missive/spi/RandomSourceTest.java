package dev.missive.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomSourceTest {

    @Test
    void nextIntStaysInRange() {
        qt().forAll(longs().all(), integers().between(1, 1_000_000)).checkAssert((seed, bound) -> {
            Random random = new Random(seed);
            RandomSource source = random::nextBytes;
            for (int i = 0; i < 20; i++) {
                assertThat(source.nextInt(bound)).isBetween(0, bound - 1);
            }
        });
    }

    @Test
    void nextIntCoversEveryDigit() {
        RandomSource source = new Random(7)::nextBytes;
        boolean[] seen = new boolean[10];
        for (int i = 0; i < 1000; i++) {
            seen[source.nextInt(10)] = true;
        }
        assertThat(seen).containsOnly(true);
    }

    @Test
    void rejectsNonPositiveBound() {
        assertThatThrownBy(() -> RandomSource.secure().nextInt(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytesHaveTheAskedLength() {
        assertThat(RandomSource.secure().bytes(33)).hasSize(33);
    }
}
