package dev.missive.testing;

import dev.missive.spi.RandomSource;
import java.util.SplittableRandom;

/** A reproducible {@link RandomSource} for tests (not for production use). */
public final class SeededRandom implements RandomSource {

    private final SplittableRandom random;

    public SeededRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
        random.nextBytes(out);
    }
}
