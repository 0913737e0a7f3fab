package dev.missive.crypto;

import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * RSASSA-PSS (RFC 8017) with SHA-256, MGF1-SHA-256, a 32-byte salt and trailer field 1, JDK
 * backend. The parameters are always explicit.
 */
public final class RsaPss {

    private static final PSSParameterSpec SHA256_SALT32 =
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, PSSParameterSpec.TRAILER_FIELD_BC);

    private static final RsaSignatures.Scheme PSS = () -> {
        Signature signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(SHA256_SALT32);
        return signature;
    };

    private RsaPss() {}

    /**
     * Signs {@code message}; the signature is as long as the modulus.
     *
     * @param key the signer's private key
     * @param message the bytes to sign (hashed with SHA-256 first)
     * @return the signature; randomized by the salt, so two signatures of one message differ
     */
    public static byte[] sign(RsaPrivateKey key, byte[] message) {
        return RsaSignatures.sign(PSS, "RSA-PSS", key, message);
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
        return RsaSignatures.verify(PSS, key, message, signature);
    }
}
