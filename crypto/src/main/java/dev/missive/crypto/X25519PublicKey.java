package dev.missive.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * An X25519 public key (RFC 7748 u-coordinate). Any 32 bytes are accepted, as RFC 7748 requires;
 * low-order points are caught when {@link X25519PrivateKey#agree} yields the all-zero secret.
 * Immutable; equal when the bytes are equal.
 */
public final class X25519PublicKey {

    /** Length of the raw key. */
    public static final int LENGTH = 32;

    private final byte[] raw;

    private X25519PublicKey(byte[] raw) {
        this.raw = raw;
    }

    /**
     * Wraps a copy of a raw 32-byte key.
     *
     * @param raw the 32-byte u-coordinate (RFC 7748 §5)
     * @return the public key
     * @throws KeyFormatException if the length is wrong
     */
    public static X25519PublicKey fromRaw(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != LENGTH) {
            throw new KeyFormatException("X25519 public key must be " + LENGTH + " bytes, got " + raw.length);
        }
        return new X25519PublicKey(raw.clone());
    }

    /**
     * Parses a DER SubjectPublicKeyInfo with the id-X25519 algorithm (RFC 8410).
     *
     * @param spki the DER SubjectPublicKeyInfo
     * @return the public key
     * @throws KeyFormatException if the DER, the algorithm or the length is wrong
     */
    public static X25519PublicKey fromSpki(byte[] spki) {
        Objects.requireNonNull(spki, "spki");
        return new X25519PublicKey(Der.curveRawKey(Der.spki(spki), Der.X25519, LENGTH));
    }

    /**
     * A copy of the raw 32 bytes.
     *
     * @return a fresh copy of the 32 key bytes
     */
    public byte[] raw() {
        return raw.clone();
    }

    /**
     * DER SubjectPublicKeyInfo (RFC 8410).
     *
     * @return a fresh DER encoding of this key
     */
    public byte[] spki() {
        return Der.curveSpki(Der.X25519, raw);
    }

    /** The raw bytes without copying, for this package only. */
    byte[] rawUnsafe() {
        return raw;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof X25519PublicKey that && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "X25519PublicKey[" + Encodings.hex(raw) + "]";
    }
}
