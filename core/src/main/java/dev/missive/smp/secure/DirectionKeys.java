package dev.missive.smp.secure;

import dev.missive.crypto.SymmetricKey;
import java.util.Objects;

/**
 * The AES-256 key and 16-byte base IV of one direction of an Appendix A connection. Immutable;
 * the IV is copied on the way in and out, and {@link #toString()} hides both.
 */
public final class DirectionKeys {

    private final SymmetricKey key;
    private final byte[] baseIv;

    private DirectionKeys(SymmetricKey key, byte[] baseIv) {
        this.key = key;
        this.baseIv = baseIv;
    }

    /**
     * Creates the keys of one direction.
     *
     * @param key the AES-256 key of the direction
     * @param baseIv the IV the block counter is combined with
     * @return the keys
     * @throws IllegalArgumentException if {@code baseIv} is not {@value SecureTransport#IV_LENGTH} bytes
     */
    public static DirectionKeys of(SymmetricKey key, byte[] baseIv) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(baseIv, "baseIv");
        if (baseIv.length != SecureTransport.IV_LENGTH) {
            throw new IllegalArgumentException("base IV must be " + SecureTransport.IV_LENGTH + " bytes");
        }
        return new DirectionKeys(key, baseIv.clone());
    }

    /**
     * The AES-256 key.
     *
     * @return the key
     */
    public SymmetricKey key() {
        return key;
    }

    /**
     * A copy of the base IV.
     *
     * @return a fresh copy of the base IV
     */
    public byte[] baseIv() {
        return baseIv.clone();
    }

    /** The IV of block number {@code counter}: the base IV with its first 4 bytes XORed with the uint32 BE counter. */
    byte[] ivFor(long counter) {
        byte[] iv = baseIv.clone();
        iv[0] ^= (byte) (counter >>> 24);
        iv[1] ^= (byte) (counter >>> 16);
        iv[2] ^= (byte) (counter >>> 8);
        iv[3] ^= (byte) counter;
        return iv;
    }

    @Override
    public String toString() {
        return "DirectionKeys[redacted]";
    }
}
