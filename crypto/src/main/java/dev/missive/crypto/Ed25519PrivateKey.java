package dev.missive.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key (RFC 8032), held as its 32-byte seed; Bouncy Castle backend. Immutable;
 * {@link #toString()} is redacted; equality is identity.
 */
public final class Ed25519PrivateKey {

    /** Length of the seed. */
    public static final int SEED_LENGTH = 32;

    private final Ed25519PrivateKeyParameters key;
    private final Ed25519PublicKey publicKey;

    private Ed25519PrivateKey(Ed25519PrivateKeyParameters key) {
        this.key = key;
        this.publicKey = Ed25519PublicKey.of(key.generatePublicKey());
    }

    /**
     * The key with the given 32-byte seed.
     *
     * @param seed the 32-byte RFC 8032 private key; copied
     * @return the private key
     * @throws KeyFormatException if the seed is not 32 bytes
     */
    public static Ed25519PrivateKey fromSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != SEED_LENGTH) {
            throw new KeyFormatException("Ed25519 seed must be " + SEED_LENGTH + " bytes, got " + seed.length);
        }
        return new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(seed.clone()));
    }

    /**
     * Parses DER PKCS#8 (RFC 8410; an RFC 5958 embedded public key must match the seed).
     *
     * @param pkcs8 the DER encoding of a OneAsymmetricKey / PrivateKeyInfo
     * @return the private key it holds
     * @throws KeyFormatException if the DER, the algorithm, the seed length or the embedded public key
     *     is wrong
     */
    public static Ed25519PrivateKey fromPkcs8(byte[] pkcs8) {
        Objects.requireNonNull(pkcs8, "pkcs8");
        Der.CurveKeys keys = Der.curvePrivateKey(Der.pkcs8(pkcs8), Der.ED25519, SEED_LENGTH);
        Ed25519PrivateKey key = fromSeed(keys.privateKey());
        if (keys.publicKey() != null && !ConstantTime.equals(keys.publicKey(), key.publicKey.raw())) {
            throw new KeyFormatException("PKCS#8 public key does not match the private key");
        }
        return key;
    }

    /**
     * A fresh key from {@code random}.
     *
     * @param random the source of the 32 seed bytes
     * @return a new private key
     */
    public static Ed25519PrivateKey generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(random));
    }

    /**
     * The matching public key.
     *
     * @return the Ed25519 public key derived from this seed
     */
    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /**
     * A pure Ed25519 signature (64 bytes) over {@code message}; deterministic.
     *
     * @param message the bytes to sign (any length, including empty)
     * @return the 64-byte signature R ‖ S
     */
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        byte[] signature = new byte[Ed25519PublicKey.SIGNATURE_LENGTH];
        key.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
        return signature;
    }

    /**
     * A copy of the secret: the 32-byte seed (the RFC 8032 private key), as {@link #fromSeed}
     * takes it. With {@link #revealPkcs8}, the only way to get secret bytes out of this key; handle them with care.
     *
     * @return a fresh copy of the 32-byte seed
     */
    public byte[] revealSecret() {
        return key.getEncoded();
    }

    /**
     * The same secret in the standard envelope: DER PKCS#8 v1 (RFC 8410), as {@link #fromPkcs8}
     * takes it.
     *
     * @return a fresh DER PKCS#8 encoding of this key
     */
    public byte[] revealPkcs8() {
        return Der.curvePkcs8(Der.ED25519, key.getEncoded());
    }

    @Override
    public String toString() {
        return "Ed25519PrivateKey[public=" + Encodings.hex(publicKey.raw()) + ", secret redacted]";
    }
}
