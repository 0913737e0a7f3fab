package dev.missive.crypto;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * XChaCha20-Poly1305 AEAD (draft-irtf-cfrg-xchacha, libsodium's {@code
 * crypto_aead_xchacha20poly1305_ietf}): HChaCha20 derives a subkey from the key and the first 16
 * nonce bytes, then RFC 8439 ChaCha20-Poly1305 runs with the nonce {@code 0x00000000 ‖ nonce[16..24]}.
 * Output is ciphertext ‖ tag(16). Bouncy Castle backend.
 */
public final class XChaCha20Poly1305 {

    /** Nonce length in bytes; random nonces of this size are safe to use without a counter. */
    public static final int NONCE_LENGTH = 24;
    /** Tag length in bytes. */
    public static final int TAG_LENGTH = 16;

    private XChaCha20Poly1305() {}

    /**
     * Encrypts {@code plaintext} and authenticates it together with {@code aad}.
     *
     * @param key the 32-byte key
     * @param nonce24 the 24-byte nonce; random nonces of this size may be used safely
     * @param aad associated data authenticated but not encrypted (may be empty)
     * @param plaintext the bytes to encrypt (may be empty)
     * @return ciphertext ‖ tag(16)
     * @throws IllegalArgumentException if the nonce is not 24 bytes
     */
    public static byte[] seal(SymmetricKey key, byte[] nonce24, byte[] aad, byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        checkNonce(nonce24);
        ChaCha20Poly1305 cipher = cipher(true, key, nonce24, aad);
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        int written = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            cipher.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail authentication", e);
        }
        return out;
    }

    /**
     * Verifies and decrypts output of {@link #seal}.
     *
     * @param key the key the input was sealed with
     * @param nonce24 the nonce the input was sealed with
     * @param aad the associated data the input was sealed with
     * @param sealed ciphertext ‖ tag(16), as {@link #seal} returns it
     * @return the plaintext
     * @throws AuthenticationException if the nonce is not 24 bytes, the input is shorter than a tag,
     *     or the tag does not verify for this key, nonce and {@code aad}
     */
    public static byte[] open(SymmetricKey key, byte[] nonce24, byte[] aad, byte[] sealed) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(nonce24, "nonce24");
        if (nonce24.length != NONCE_LENGTH || sealed.length < TAG_LENGTH) {
            throw new AuthenticationException("XChaCha20-Poly1305 did not verify");
        }
        ChaCha20Poly1305 cipher = cipher(false, key, nonce24, aad);
        byte[] out = new byte[sealed.length - TAG_LENGTH];
        // Plaintext written so far is discarded unless doFinal verifies the tag.
        int written = cipher.processBytes(sealed, 0, sealed.length, out, 0);
        try {
            cipher.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            throw new AuthenticationException("XChaCha20-Poly1305 did not verify");
        }
        return out;
    }

    private static void checkNonce(byte[] nonce24) {
        Objects.requireNonNull(nonce24, "nonce24");
        if (nonce24.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("XChaCha20-Poly1305 nonce must be " + NONCE_LENGTH + " bytes");
        }
    }

    private static ChaCha20Poly1305 cipher(boolean encrypt, SymmetricKey key, byte[] nonce24, byte[] aad) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(aad, "aad");
        byte[] subkey = StreamCores.hchacha20(key.secret(), Arrays.copyOf(nonce24, 16));
        byte[] nonce12 = new byte[12];
        System.arraycopy(nonce24, 16, nonce12, 4, 8);
        ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
        cipher.init(encrypt, new AEADParameters(new KeyParameter(subkey), TAG_LENGTH * 8, nonce12, aad));
        Arrays.fill(subkey, (byte) 0);
        return cipher;
    }
}
