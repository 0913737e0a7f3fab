package dev.missive.emsg.model;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.crypto.RsaPkcs1;
import dev.missive.crypto.RsaPrivateKey;
import java.util.Objects;

/**
 * A private signing key with its key id: a user's key (client side) or a server's domain key. Never
 * prints its secret; the secret leaves only through {@link #revealPkcs8()}.
 */
public final class EmsgSigningKey {

    private final String kid;
    private final Ed25519PrivateKey ed25519;
    private final RsaPrivateKey rsa;
    private final EmsgPublicKey publicKey;

    private EmsgSigningKey(String kid, Ed25519PrivateKey ed25519, RsaPrivateKey rsa) {
        this.kid = EmsgPublicKey.checkKid(kid);
        this.ed25519 = ed25519;
        this.rsa = rsa;
        this.publicKey = ed25519 != null
                ? new EmsgPublicKey(
                        kid, SignatureAlgorithm.ED25519, ed25519.publicKey().raw())
                : new EmsgPublicKey(
                        kid, SignatureAlgorithm.RSA_SHA256, rsa.publicKey().spki());
    }

    /**
     * An Ed25519 signing key.
     *
     * @param kid the key id
     * @param key the private key
     * @return the signing key
     */
    public static EmsgSigningKey ed25519(String kid, Ed25519PrivateKey key) {
        return new EmsgSigningKey(kid, Objects.requireNonNull(key, "key"), null);
    }

    /**
     * An RSA PKCS#1 v1.5 SHA-256 signing key.
     *
     * @param kid the key id
     * @param key the private key (2048 bits or more)
     * @return the signing key
     */
    public static EmsgSigningKey rsa(String kid, RsaPrivateKey key) {
        return new EmsgSigningKey(kid, null, Objects.requireNonNull(key, "key"));
    }

    /**
     * The key id.
     *
     * @return the key id, as written in a signature's {@code kid} member
     */
    public String kid() {
        return kid;
    }

    /**
     * The algorithm.
     *
     * @return the algorithm this key signs with
     */
    public SignatureAlgorithm algorithm() {
        return publicKey.algorithm();
    }

    /**
     * The matching public key, with the same key id.
     *
     * @return the public key
     */
    public EmsgPublicKey publicKey() {
        return publicKey;
    }

    /**
     * Signs bytes.
     *
     * @param message the bytes to sign
     * @return the signature
     */
    public byte[] sign(byte[] message) {
        return ed25519 != null ? ed25519.sign(message) : RsaPkcs1.sign(rsa, message);
    }

    /**
     * The private key as PKCS#8 DER: a secret.
     *
     * @return a fresh copy of the PKCS#8 DER; the caller must not log it and should wipe it after use
     */
    public byte[] revealPkcs8() {
        return ed25519 != null ? ed25519.revealPkcs8() : rsa.revealPkcs8();
    }

    @Override
    public String toString() {
        return "EmsgSigningKey[" + kid + ", " + algorithm().wireName() + ", secret redacted]";
    }
}
