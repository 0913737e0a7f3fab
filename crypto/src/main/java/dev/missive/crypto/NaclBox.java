package dev.missive.crypto;

import java.util.Arrays;

/**
 * NaCl {@code crypto_box} (X25519 + XSalsa20-Poly1305) in libsodium's combined layout ({@code
 * crypto_box_easy}): tag(16) ‖ ciphertext. The box key is HSalsa20 of the X25519 shared secret with a
 * zero nonce, as {@code crypto_box_beforenm} computes it, so boxes interoperate with libsodium.
 */
public final class NaclBox {

    /** Nonce length in bytes. */
    public static final int NONCE_LENGTH = SecretBox.NONCE_LENGTH;
    /** Tag length in bytes. */
    public static final int MAC_LENGTH = SecretBox.MAC_LENGTH;

    private static final byte[] ZERO_NONCE16 = new byte[16];

    private NaclBox() {}

    /**
     * Encrypts {@code plaintext} from {@code sender} to {@code recipient}.
     *
     * @param recipient the recipient's X25519 public key
     * @param sender the sender's X25519 private key
     * @param nonce24 the 24-byte nonce; must never repeat for the same key pair
     * @param plaintext the bytes to encrypt (may be empty)
     * @return tag(16) ‖ ciphertext
     * @throws KeyFormatException if {@code recipient} is a low-order point
     * @throws IllegalArgumentException if the nonce is not 24 bytes
     */
    public static byte[] seal(X25519PublicKey recipient, X25519PrivateKey sender, byte[] nonce24, byte[] plaintext) {
        byte[] key = beforenm(recipient, sender);
        try {
            return SecretBox.seal(key, nonce24, plaintext);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Verifies and decrypts a box from {@code sender} to {@code recipient}.
     *
     * @param sender the sender's X25519 public key
     * @param recipient the recipient's X25519 private key
     * @param nonce24 the 24-byte nonce the box was sealed with
     * @param box tag(16) ‖ ciphertext, as {@link #seal} returns it
     * @return the plaintext
     * @throws AuthenticationException if the box or nonce is malformed or the tag does not verify
     * @throws KeyFormatException if {@code sender} is a low-order point
     */
    public static byte[] open(X25519PublicKey sender, X25519PrivateKey recipient, byte[] nonce24, byte[] box) {
        byte[] key = beforenm(sender, recipient);
        try {
            return SecretBox.open(key, nonce24, box);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] beforenm(X25519PublicKey peer, X25519PrivateKey own) {
        byte[] shared = own.agree(peer);
        try {
            return StreamCores.hsalsa20(shared, ZERO_NONCE16);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }
}
