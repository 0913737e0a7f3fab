package dev.missive.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 128-bit tag (JDK backend). Output is ciphertext ‖ tag(16). The IV is 12 bytes
 * (the standard size) or 16 bytes (needed by SMP's 2021 transport, which GCM handles through GHASH).
 * Never reuse an IV with the same key.
 */
public final class AesGcm {

    /** Tag length in bytes. */
    public static final int TAG_LENGTH = 16;

    private AesGcm() {}

    /**
     * Encrypts {@code plaintext} and authenticates it together with {@code aad}.
     *
     * @param key the AES-256 key
     * @param iv the 12- or 16-byte IV; must never repeat under the same key
     * @param aad associated data authenticated but not encrypted (may be empty)
     * @param plaintext the bytes to encrypt (may be empty)
     * @return ciphertext ‖ tag(16)
     * @throws IllegalArgumentException if the IV is neither 12 nor 16 bytes
     */
    public static byte[] seal(SymmetricKey key, byte[] iv, byte[] aad, byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        if (!validIv(iv)) {
            throw new IllegalArgumentException("AES-GCM IV must be 12 or 16 bytes");
        }
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, iv, aad).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Verifies and decrypts output of {@link #seal}.
     *
     * @param key the AES-256 key the input was sealed with
     * @param iv the IV the input was sealed with
     * @param aad the associated data the input was sealed with
     * @param sealed ciphertext ‖ tag(16), as {@link #seal} returns it
     * @return the plaintext, once the tag has verified
     * @throws AuthenticationException if the IV has a wrong size, the input is shorter than a tag, or
     *     the tag does not verify
     */
    public static byte[] open(SymmetricKey key, byte[] iv, byte[] aad, byte[] sealed) {
        Objects.requireNonNull(sealed, "sealed");
        if (!validIv(iv) || sealed.length < TAG_LENGTH) {
            throw new AuthenticationException("AES-GCM did not verify");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, key, iv, aad).doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw new AuthenticationException("AES-GCM did not verify");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static boolean validIv(byte[] iv) {
        Objects.requireNonNull(iv, "iv");
        return iv.length == 12 || iv.length == 16;
    }

    private static Cipher cipher(int mode, SymmetricKey key, byte[] iv, byte[] aad) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(aad, "aad");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key.secret(), "AES"), new GCMParameterSpec(TAG_LENGTH * 8, iv));
        cipher.updateAAD(aad);
        return cipher;
    }
}
