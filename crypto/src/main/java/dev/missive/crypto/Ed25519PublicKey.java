package dev.missive.crypto;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (RFC 8032), Bouncy Castle backend. Immutable; equal when the encoded points
 * are equal.
 */
public final class Ed25519PublicKey {

    /** Length of the raw encoded point. */
    public static final int LENGTH = 32;
    /** Length of a signature. */
    public static final int SIGNATURE_LENGTH = 64;

    private final byte[] raw;
    private final Ed25519PublicKeyParameters key;

    private Ed25519PublicKey(byte[] raw, Ed25519PublicKeyParameters key) {
        this.raw = raw;
        this.key = key;
    }

    /**
     * Parses a raw 32-byte encoded point.
     *
     * @param raw the 32-byte encoded point (RFC 8032 §5.1.2)
     * @return the public key
     * @throws KeyFormatException if the length is wrong or the bytes are not a point on the curve
     */
    public static Ed25519PublicKey fromRaw(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != LENGTH) {
            throw new KeyFormatException("Ed25519 public key must be " + LENGTH + " bytes, got " + raw.length);
        }
        byte[] copy = raw.clone();
        try {
            return new Ed25519PublicKey(copy, new Ed25519PublicKeyParameters(copy));
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("Ed25519 public key is not a valid curve point");
        }
    }

    /**
     * Parses a DER SubjectPublicKeyInfo with the id-Ed25519 algorithm (RFC 8410).
     *
     * @param spki the DER SubjectPublicKeyInfo
     * @return the public key it holds
     * @throws KeyFormatException if the DER, the algorithm or the point is invalid
     */
    public static Ed25519PublicKey fromSpki(byte[] spki) {
        Objects.requireNonNull(spki, "spki");
        return fromRaw(Der.curveRawKey(Der.spki(spki), Der.ED25519, LENGTH));
    }

    static Ed25519PublicKey of(Ed25519PublicKeyParameters key) {
        return new Ed25519PublicKey(key.getEncoded(), key);
    }

    /**
     * The raw 32-byte encoded point (a copy).
     *
     * @return a fresh copy of the 32 encoded bytes
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
        return Der.curveSpki(Der.ED25519, raw);
    }

    /**
     * Verifies a pure Ed25519 signature (RFC 8032 §5.1.7, canonical S required).
     *
     * @param message the signed bytes
     * @param signature the signature to check, expected to be 64 bytes
     * @return false for a wrong, malformed or wrongly sized signature; never throws for bad input
     */
    public boolean verify(byte[] message, byte[] signature) {
        Objects.requireNonNull(message, "message");
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            return key.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PublicKey that && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + Encodings.hex(raw) + "]";
    }
}
