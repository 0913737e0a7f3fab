package dev.missive.crypto;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Objects;

/** The sign/verify plumbing the RSA signature schemes share; each scheme supplies its configured JDK {@link Signature}. */
final class RsaSignatures {

    /** Creates a JDK signature object already set to one scheme's parameters. */
    @FunctionalInterface
    interface Scheme {
        Signature create() throws GeneralSecurityException;
    }

    private RsaSignatures() {}

    static byte[] sign(Scheme scheme, String name, RsaPrivateKey key, byte[] message) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        try {
            Signature signer = scheme.create();
            signer.initSign(key.jdkKey());
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + " signing failed", e);
        }
    }

    /** False for a wrong or malformed signature; never throws for bad input. */
    static boolean verify(Scheme scheme, RsaPublicKey key, byte[] message, byte[] signature) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (signature == null) {
            return false;
        }
        try {
            Signature verifier = scheme.create();
            verifier.initVerify(key.jdkKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
