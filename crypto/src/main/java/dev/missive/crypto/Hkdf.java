package dev.missive.crypto;

import java.util.Objects;
import javax.crypto.Mac;

/** HKDF (RFC 5869) with HMAC-SHA-256. */
public final class Hkdf {

    /** The most output RFC 5869 allows for SHA-256: 255 blocks of 32 bytes. */
    public static final int MAX_LENGTH = 255 * Digests.SHA256_LENGTH;

    private Hkdf() {}

    /**
     * HKDF-Extract then HKDF-Expand.
     *
     * @param salt optional salt; empty means the RFC's default of 32 zero bytes
     * @param ikm input keying material
     * @param info context and application specific information (may be empty)
     * @param length output length, 1 to {@link #MAX_LENGTH}
     * @return {@code length} bytes of output keying material
     * @throws IllegalArgumentException if {@code length} is out of range
     */
    public static byte[] sha256(byte[] salt, byte[] ikm, byte[] info, int length) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(ikm, "ikm");
        Objects.requireNonNull(info, "info");
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA-256 output length must be 1.." + MAX_LENGTH);
        }
        byte[] prk = Hmac.sha256(salt.length == 0 ? new byte[Digests.SHA256_LENGTH] : salt, ikm);
        Mac expand = Hmac.sha256Mac(prk);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        for (int counter = 1, offset = 0; offset < length; counter++) {
            expand.update(block);
            expand.update(info);
            expand.update((byte) counter);
            block = expand.doFinal();
            int take = Math.min(block.length, length - offset);
            System.arraycopy(block, 0, out, offset, take);
            offset += take;
        }
        return out;
    }
}
