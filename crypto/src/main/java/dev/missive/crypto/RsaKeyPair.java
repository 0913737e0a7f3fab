package dev.missive.crypto;

import java.util.Objects;

/**
 * A freshly generated RSA key pair.
 *
 * @param privateKey the private key
 * @param publicKey its public key
 */
public record RsaKeyPair(RsaPrivateKey privateKey, RsaPublicKey publicKey) {

    /** Both keys are required. */
    public RsaKeyPair {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
