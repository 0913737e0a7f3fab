package dev.missive.crypto;

import java.security.GeneralSecurityException;
import java.security.spec.MGF1ParameterSpec;
import java.util.Objects;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSAES-OAEP (RFC 8017) with SHA-256, MGF1-SHA-256 and an empty label, JDK backend. The parameters
 * are always explicit: the JDK's default MGF1 digest is SHA-1.
 */
public final class RsaOaep {

    private static final OAEPParameterSpec SHA256_MGF1_SHA256 =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    /** Hash length twice plus two: the OAEP overhead for SHA-256. */
    private static final int OVERHEAD = 2 * 32 + 2;

    private RsaOaep() {}

    /**
     * Encrypts {@code plaintext}, which must be at most modulus bytes minus 66.
     *
     * @param key the recipient's public key
     * @param plaintext the bytes to encrypt
     * @return the ciphertext, as long as the modulus
     * @throws IllegalArgumentException if the plaintext is too long for the key
     */
    public static byte[] encrypt(RsaPublicKey key, byte[] plaintext) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(plaintext, "plaintext");
        int capacity = (key.modulusBits() + 7) / 8 - OVERHEAD;
        if (plaintext.length > capacity) {
            throw new IllegalArgumentException("RSA-OAEP plaintext exceeds " + capacity + " bytes for this key");
        }
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.jdkKey(), SHA256_MGF1_SHA256);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP encryption failed", e);
        }
    }

    /**
     * Decrypts {@code ciphertext}.
     *
     * @param key the recipient's private key
     * @param ciphertext the ciphertext made by {@link #encrypt}
     * @return the plaintext
     * @throws AuthenticationException if the ciphertext has the wrong size or does not decrypt
     */
    public static byte[] decrypt(RsaPrivateKey key, byte[] ciphertext) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ciphertext, "ciphertext");
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.jdkKey(), SHA256_MGF1_SHA256);
            return cipher.doFinal(ciphertext);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new AuthenticationException("RSA-OAEP decryption failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP is unavailable", e);
        }
    }
}
