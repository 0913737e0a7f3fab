package dev.missive.smp;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.crypto.KeyFormatException;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPss;
import java.util.Objects;

/**
 * A client's private queue key (RK or SK): signs transmissions and names its public half in the
 * encoding the server expects ({@link SignatureScheme}). Never prints secret bytes.
 */
public interface SigningKey {

    /**
     * The public key as sent in {@code CONN}/{@code KEY} (X.509 SPKI DER for the standard scheme).
     *
     * @return a copy of the encoded public key
     */
    byte[] publicKey();

    /**
     * Signs {@code signedBytes}.
     *
     * @param signedBytes the bytes to sign
     * @return the signature, in the encoding the scheme verifies
     */
    byte[] sign(byte[] signedBytes);

    /**
     * The private key as DER PKCS#8, for a host that persists its queues (a secret: store it
     * encrypted). Keys of the standard scheme support it.
     *
     * @return a fresh DER PKCS#8 encoding of the private key
     * @throws UnsupportedOperationException for keys that have no PKCS#8 form
     */
    default byte[] revealPkcs8() {
        throw new UnsupportedOperationException("this key has no PKCS#8 form");
    }

    /**
     * The key in DER PKCS#8 (Ed25519 per RFC 8410, or RSA).
     *
     * @param pkcs8 the DER PKCS#8 encoding, as {@link #revealPkcs8} returns it
     * @return the signing key
     * @throws dev.missive.crypto.KeyFormatException if it is neither
     */
    static SigningKey fromPkcs8(byte[] pkcs8) {
        try {
            return ed25519(Ed25519PrivateKey.fromPkcs8(pkcs8));
        } catch (KeyFormatException notEd25519) {
            return rsa(RsaPrivateKey.fromPkcs8(pkcs8));
        }
    }

    /**
     * An Ed25519 key: signatures are Ed25519 over the signed bytes.
     *
     * @param key the Ed25519 private key
     * @return a signing key using it
     */
    static SigningKey ed25519(Ed25519PrivateKey key) {
        Objects.requireNonNull(key, "key");
        return new StandardSigningKey("Ed25519", key.publicKey().spki(), key::sign, key::revealPkcs8);
    }

    /**
     * An RSA key: signatures are RSA-PSS (SHA-256, MGF1-SHA-256, salt 32).
     *
     * @param key the RSA private key
     * @return a signing key using it
     */
    static SigningKey rsa(RsaPrivateKey key) {
        Objects.requireNonNull(key, "key");
        return new StandardSigningKey(
                "RSA-PSS", key.publicKey().spki(), message -> RsaPss.sign(key, message), key::revealPkcs8);
    }
}
