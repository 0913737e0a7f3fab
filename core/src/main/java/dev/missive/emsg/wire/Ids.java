package dev.missive.emsg.wire;

import dev.missive.crypto.Encodings;
import dev.missive.spi.RandomSource;

/** Identifiers made from an engine's {@link RandomSource}: message ids (UUID v4) and challenges. */
public final class Ids {

    private Ids() {}

    /**
     * A random (version 4) UUID in lower case.
     *
     * @param random the randomness
     * @return e.g. {@code 0f8fad5b-d9cb-469f-a165-70867728950e}
     */
    public static String uuid(RandomSource random) {
        byte[] b = random.bytes(16);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        String hex = Encodings.hex(b);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /**
     * A fresh authentication challenge: 32 random bytes, base64url without padding.
     *
     * @param random the randomness
     * @return the challenge text
     */
    public static String challenge(RandomSource random) {
        return Encodings.base64Url(random.bytes(32));
    }
}
