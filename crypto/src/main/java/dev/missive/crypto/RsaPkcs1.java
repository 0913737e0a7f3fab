package dev.missive.crypto;

import java.security.Signature;

/** RSASSA-PKCS1-v1_5 signatures with SHA-256 ({@code SHA256withRSA}), JDK backend. */
public final class RsaPkcs1 {

    private static final RsaSignatures.Scheme SHA256_WITH_RSA = () -> Signature.getInstance("SHA256withRSA");

    private RsaPkcs1() {}

    /**
     * Signs {@code message}; the signature is as long as the modulus.
     *
     * @param key the signer's private key
     * @param message the bytes to sign (hashed with SHA-256 first)
     * @return the signature
     */
    public static byte[] sign(RsaPrivateKey key, byte[] message) {
        return RsaSignatures.sign(SHA256_WITH_RSA, "RSA PKCS#1", key, message);
    }

    /**
     * Verifies a signature made by {@link #sign}.
     *
     * @param key the signer's public key
     * @param message the signed bytes
     * @param signature the signature to check
     * @return false for a wrong or malformed signature; never throws for bad input
     */
    public static boolean verify(RsaPublicKey key, byte[] message, byte[] signature) {
        return RsaSignatures.verify(SHA256_WITH_RSA, key, message, signature);
    }
}
