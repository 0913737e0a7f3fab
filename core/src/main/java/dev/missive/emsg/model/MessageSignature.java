package dev.missive.emsg.model;

import dev.missive.crypto.Encodings;
import java.util.Objects;

/**
 * The {@code signature} member of a message: {@code {"alg":..., "kid":..., "value": base64}}.
 *
 * @param algorithm the algorithm
 * @param kid       the signer's key id
 * @param value     the signature bytes
 */
public record MessageSignature(SignatureAlgorithm algorithm, String kid, byte[] value) {

    /** Longest signature accepted (a 16384-bit RSA signature). */
    public static final int MAX_LENGTH = 2048;

    /** Checks the components and keeps a copy of the bytes. */
    public MessageSignature {
        Objects.requireNonNull(algorithm, "algorithm");
        EmsgPublicKey.checkKid(kid);
        Objects.requireNonNull(value, "value");
        if (value.length == 0 || value.length > MAX_LENGTH) {
            throw new IllegalArgumentException("signature must be 1-" + MAX_LENGTH + " bytes");
        }
        value = value.clone();
    }

    /**
     * The signature bytes (a copy).
     *
     * @return a fresh copy of the signature bytes
     */
    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageSignature that
                && algorithm == that.algorithm
                && kid.equals(that.kid)
                && java.util.Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, kid, java.util.Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "MessageSignature[" + algorithm.wireName() + ", " + kid + ", " + Encodings.base64(value) + "]";
    }
}
