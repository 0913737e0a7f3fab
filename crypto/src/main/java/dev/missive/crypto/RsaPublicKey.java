package dev.missive.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * An RSA public key (JDK backend). Immutable; equal when the SPKI encodings are equal. Moduli of
 * {@value #MIN_MODULUS_BITS} to {@value #MAX_MODULUS_BITS} bits are accepted; protocols enforce
 * their own minimum through {@link #modulusBits()}.
 */
public final class RsaPublicKey {

    /** Smallest modulus accepted when parsing (SMP's 2021 servers still accept 1024-bit keys). */
    public static final int MIN_MODULUS_BITS = 1024;
    /** Largest modulus accepted when parsing, bounding the cost a peer can impose. */
    public static final int MAX_MODULUS_BITS = 16384;

    private final RSAPublicKey key;
    private final byte[] spki;

    private RsaPublicKey(RSAPublicKey key) {
        this.key = key;
        this.spki = key.getEncoded();
    }

    /**
     * Parses a DER SubjectPublicKeyInfo with the rsaEncryption algorithm.
     *
     * @param spki the DER SubjectPublicKeyInfo
     * @return the public key
     * @throws KeyFormatException if the DER or algorithm is wrong or the modulus size is out of range
     */
    public static RsaPublicKey fromSpki(byte[] spki) {
        Objects.requireNonNull(spki, "spki");
        Der.requireAlgorithmWithNullParameters(Der.spki(spki).getAlgorithm(), Der.RSA);
        RSAPublicKey key;
        try {
            key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyFormatException("not a valid RSA public key");
        }
        return of(key);
    }

    static RsaPublicKey of(RSAPublicKey key) {
        int bits = key.getModulus().bitLength();
        if (bits < MIN_MODULUS_BITS || bits > MAX_MODULUS_BITS) {
            throw new KeyFormatException(
                    "RSA modulus of " + bits + " bits is outside " + MIN_MODULUS_BITS + ".." + MAX_MODULUS_BITS);
        }
        return new RsaPublicKey(key);
    }

    /**
     * DER SubjectPublicKeyInfo (a copy).
     *
     * @return a fresh DER encoding of this key
     */
    public byte[] spki() {
        return spki.clone();
    }

    /**
     * Size of the modulus in bits.
     *
     * @return the modulus size, e.g. 2048
     */
    public int modulusBits() {
        return key.getModulus().bitLength();
    }

    RSAPublicKey jdkKey() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RsaPublicKey that && Arrays.equals(spki, that.spki);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(spki);
    }

    @Override
    public String toString() {
        return "RsaPublicKey[" + modulusBits() + " bits, sha256(spki)=" + Encodings.hex(Digests.sha256(spki)) + "]";
    }
}
