package dev.missive.smp;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPss;

import java.util.Objects;

/**
 * A client's private queue key (RK or SK): signs transmissions and names its public half in the
 * encoding the server expects ({@link SignatureScheme}). Never prints secret bytes.
 */
public interface SigningKey {

    /** The public key as sent in {@code CONN}/{@code KEY} (X.509 SPKI DER for the standard scheme). */
    byte[] publicKey();

    /** Signs {@code signedBytes}. */
    byte[] sign(byte[] signedBytes);

    /** An Ed25519 key: signatures are Ed25519 over the signed bytes. */
    static SigningKey ed25519(Ed25519PrivateKey key) {
        Objects.requireNonNull(key, "key");
        byte[] spki = key.publicKey().spki();
        return new SigningKey() {
            @Override
            public byte[] publicKey() {
                return spki.clone();
            }

            @Override
            public byte[] sign(byte[] signedBytes) {
                return key.sign(signedBytes);
            }

            @Override
            public String toString() {
                return "SigningKey[Ed25519, secret redacted]";
            }
        };
    }

    /** An RSA key: signatures are RSA-PSS (SHA-256, MGF1-SHA-256, salt 32). */
    static SigningKey rsa(RsaPrivateKey key) {
        Objects.requireNonNull(key, "key");
        byte[] spki = key.publicKey().spki();
        return new SigningKey() {
            @Override
            public byte[] publicKey() {
                return spki.clone();
            }

            @Override
            public byte[] sign(byte[] signedBytes) {
                return RsaPss.sign(key, signedBytes);
            }

            @Override
            public String toString() {
                return "SigningKey[RSA-PSS, secret redacted]";
            }
        };
    }
}
