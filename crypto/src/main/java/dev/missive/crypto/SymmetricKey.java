package dev.missive.crypto;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A 32-byte secret key for {@link SecretBox}, {@link XChaCha20Poly1305} and {@link AesGcm}
 * (AES-256). Immutable; input and output arrays are copied; {@link #toString()} is redacted.
 * Equality is identity, so secrets are never compared by accident in non-constant time.
 */
public final class SymmetricKey {

    /** Key length in bytes. */
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private SymmetricKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Wraps a copy of {@code bytes}.
     *
     * @param bytes the 32 key bytes; copied
     * @return the key
     * @throws KeyFormatException unless {@code bytes} is exactly 32 bytes long
     */
    public static SymmetricKey of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new KeyFormatException("symmetric key must be " + LENGTH + " bytes, got " + bytes.length);
        }
        return new SymmetricKey(bytes.clone());
    }

    /**
     * A fresh random key from {@code random}.
     *
     * @param random the source of the 32 key bytes
     * @return a new key
     */
    public static SymmetricKey generate(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new SymmetricKey(bytes);
    }

    /**
     * A copy of the key bytes, as {@link #of} takes them. The only way to get secret bytes out of
     * this key; handle them with care.
     *
     * @return a fresh copy of the 32 key bytes
     */
    public byte[] revealSecret() {
        return bytes.clone();
    }

    /** The key bytes without copying, for this package's ciphers only. */
    byte[] secret() {
        return bytes;
    }

    @Override
    public String toString() {
        return "SymmetricKey[redacted]";
    }
}
