package dev.missive.crypto;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Objects;

/** RSASSA-PKCS1-v1_5 signatures with SHA-256 ({@code SHA256withRSA}), JDK backend. */
public final class RsaPkcs1 {

    private RsaPkcs1() {}

    /** Signs {@code message}; the signature is as long as the modulus. */
    public static byte[] sign(RsaPrivateKey key, byte[] message) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key.jdkKey());
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA PKCS#1 signing failed", e);
        }
    }

    /**
     * Verifies a signature made by {@link #sign}.
     *
     * @return false for a wrong or malformed signature; never throws for bad input
     */
    public static boolean verify(RsaPublicKey key, byte[] message, byte[] signature) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key.jdkKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
