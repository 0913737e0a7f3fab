package dev.missive.spi;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The only source of randomness for protocol engines (codes, keys, nonces, identifiers). Engines
 * never create a {@link SecureRandom} themselves, so tests can make every random choice
 * reproducible and a host can plug in its own generator (an HSM, a DRBG).
 */
@FunctionalInterface
public interface RandomSource {

    /**
     * Fills {@code out} with random bytes.
     *
     * @param out the array to fill completely
     */
    void nextBytes(byte[] out);

    /**
     * Returns {@code length} fresh random bytes.
     *
     * @param length how many bytes, zero or more
     * @return a new array of {@code length} random bytes
     */
    default byte[] bytes(int length) {
        byte[] out = new byte[length];
        nextBytes(out);
        return out;
    }

    /**
     * Returns a uniformly distributed integer in {@code [0, bound)}, without modulo bias
     * (rejection sampling over 31-bit values).
     *
     * @param bound the exclusive upper bound; must be positive
     * @return a value from 0 (inclusive) to {@code bound} (exclusive)
     */
    default int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        int limit = Integer.MAX_VALUE - (Integer.MAX_VALUE % bound);
        byte[] four = new byte[4];
        while (true) {
            nextBytes(four);
            int value =
                    ((four[0] & 0x7f) << 24) | ((four[1] & 0xff) << 16) | ((four[2] & 0xff) << 8) | (four[3] & 0xff);
            if (value < limit) {
                return value % bound;
            }
        }
    }

    /**
     * The platform's strong generator: the default a host passes to an engine.
     *
     * @return a source backed by a new {@link SecureRandom}
     */
    static RandomSource secure() {
        return of(new SecureRandom());
    }

    /**
     * Adapts an existing {@link SecureRandom}.
     *
     * @param random the generator to draw from
     * @return a source that draws from {@code random}
     */
    static RandomSource of(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return random::nextBytes;
    }
}
