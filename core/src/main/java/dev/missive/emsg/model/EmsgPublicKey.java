package dev.missive.emsg.model;

import dev.missive.crypto.Ed25519PublicKey;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.KeyFormatException;
import dev.missive.crypto.RsaPkcs1;
import dev.missive.crypto.RsaPublicKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A verifying key with its key id, as an account or a domain publishes it. On the wire
 * {@code {"kid":..., "alg":..., "key": base64}}: the raw 32 bytes for Ed25519, the SPKI DER for RSA.
 * Immutable; the parsed key is kept, so verifying does not decode the key again.
 */
public final class EmsgPublicKey {

    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String kid;
    private final SignatureAlgorithm algorithm;
    private final byte[] encoded;
    private final Ed25519PublicKey ed25519;
    private final RsaPublicKey rsa;

    /**
     * Checks the components (the key must parse for its algorithm) and keeps a copy of the bytes.
     *
     * @param kid       key id, 1-64 of {@code [A-Za-z0-9._-]}, unique per account
     * @param algorithm the signature algorithm
     * @param encoded   the key bytes (raw Ed25519 point or RSA SPKI)
     * @throws IllegalArgumentException if the key id or the key is invalid
     */
    public EmsgPublicKey(String kid, SignatureAlgorithm algorithm, byte[] encoded) {
        this.kid = checkKid(kid);
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.encoded = Objects.requireNonNull(encoded, "encoded").clone();
        try {
            switch (algorithm) {
                case ED25519 -> {
                    this.ed25519 = Ed25519PublicKey.fromRaw(this.encoded);
                    this.rsa = null;
                }
                case RSA_SHA256 -> {
                    this.ed25519 = null;
                    this.rsa = RsaPublicKey.fromSpki(this.encoded);
                    if (rsa.modulusBits() < 2048) {
                        throw new IllegalArgumentException("RSA keys must have at least 2048 bits");
                    }
                }
                default -> throw new IllegalArgumentException("unknown algorithm");
            }
        } catch (KeyFormatException e) {
            throw new IllegalArgumentException("not a valid " + algorithm.wireName() + " public key", e);
        }
    }

    /**
     * The key id.
     *
     * @return the key id, as in a signature's {@code kid} member
     */
    public String kid() {
        return kid;
    }

    /**
     * The signature algorithm.
     *
     * @return the algorithm this key verifies
     */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Checks a key id.
     *
     * @param kid the key id
     * @return the key id
     * @throws IllegalArgumentException if it is not 1-64 of {@code [A-Za-z0-9._-]}
     */
    public static String checkKid(String kid) {
        Objects.requireNonNull(kid, "kid");
        if (!KID.matcher(kid).matches()) {
            throw new IllegalArgumentException("key id must be 1-64 of [A-Za-z0-9._-]");
        }
        return kid;
    }

    /**
     * The key bytes (a copy).
     *
     * @return a fresh copy of the encoded public key
     */
    public byte[] encoded() {
        return encoded.clone();
    }

    /**
     * The key bytes in standard padded base64, as on the wire.
     *
     * @return the key as standard padded base64
     */
    public String base64() {
        return Encodings.base64(encoded);
    }

    /**
     * Verifies a signature.
     *
     * @param message   the signed bytes
     * @param signature the signature bytes
     * @return whether the signature is valid; never throws for malformed input
     */
    public boolean verify(byte[] message, byte[] signature) {
        try {
            return ed25519 != null ? ed25519.verify(message, signature) : RsaPkcs1.verify(rsa, message, signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmsgPublicKey that
                && kid.equals(that.kid)
                && algorithm == that.algorithm
                && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kid, algorithm, Arrays.hashCode(encoded));
    }

    @Override
    public String toString() {
        return "EmsgPublicKey[" + kid + ", " + algorithm.wireName() + ", " + base64() + "]";
    }
}
