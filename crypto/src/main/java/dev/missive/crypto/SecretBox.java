package dev.missive.crypto;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305) in libsodium's combined layout ({@code
 * crypto_secretbox_easy}): the box is the 16-byte Poly1305 tag followed by the ciphertext, which is
 * as long as the plaintext. Bouncy Castle backend; byte-compatible with libsodium and PHP sodium.
 *
 * <p>Never reuse a nonce with the same key: use 24 random bytes per message.
 */
public final class SecretBox {

    /** Key length in bytes. */
    public static final int KEY_LENGTH = 32;
    /** Nonce length in bytes. */
    public static final int NONCE_LENGTH = 24;
    /** Poly1305 tag length in bytes. */
    public static final int MAC_LENGTH = 16;

    private static final int POLY1305_KEY_LENGTH = 32;

    private SecretBox() {}

    /**
     * Encrypts and authenticates {@code plaintext}.
     *
     * @param key the 32-byte XSalsa20-Poly1305 key
     * @param nonce24 the 24-byte nonce; must never repeat under the same key
     * @param plaintext the bytes to encrypt (may be empty)
     * @return tag(16) ‖ ciphertext
     * @throws IllegalArgumentException if the nonce is not 24 bytes
     */
    public static byte[] seal(SymmetricKey key, byte[] nonce24, byte[] plaintext) {
        Objects.requireNonNull(key, "key");
        return seal(key.secret(), nonce24, plaintext);
    }

    /**
     * Verifies and decrypts a box made by {@link #seal}.
     *
     * @param key the key the box was sealed with
     * @param nonce24 the nonce the box was sealed with
     * @param box tag(16) ‖ ciphertext, as {@link #seal} returns it
     * @return the plaintext
     * @throws AuthenticationException if the box is shorter than a tag, the nonce is not 24 bytes, or
     *     the tag does not verify
     */
    public static byte[] open(SymmetricKey key, byte[] nonce24, byte[] box) {
        Objects.requireNonNull(key, "key");
        return open(key.secret(), nonce24, box);
    }

    static byte[] seal(byte[] key, byte[] nonce24, byte[] plaintext) {
        Objects.requireNonNull(nonce24, "nonce24");
        Objects.requireNonNull(plaintext, "plaintext");
        if (nonce24.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("secretbox nonce must be " + NONCE_LENGTH + " bytes");
        }
        XSalsa20Engine stream = keyStream(key, nonce24);
        Poly1305 mac = macFor(stream);
        byte[] box = new byte[MAC_LENGTH + plaintext.length];
        stream.processBytes(plaintext, 0, plaintext.length, box, MAC_LENGTH);
        mac.update(box, MAC_LENGTH, plaintext.length);
        mac.doFinal(box, 0);
        return box;
    }

    static byte[] open(byte[] key, byte[] nonce24, byte[] box) {
        Objects.requireNonNull(nonce24, "nonce24");
        Objects.requireNonNull(box, "box");
        if (nonce24.length != NONCE_LENGTH || box.length < MAC_LENGTH) {
            throw new AuthenticationException("secretbox did not verify");
        }
        XSalsa20Engine stream = keyStream(key, nonce24);
        Poly1305 mac = macFor(stream);
        int length = box.length - MAC_LENGTH;
        mac.update(box, MAC_LENGTH, length);
        byte[] expected = new byte[MAC_LENGTH];
        mac.doFinal(expected, 0);
        if (!ConstantTime.equals(expected, Arrays.copyOf(box, MAC_LENGTH))) {
            throw new AuthenticationException("secretbox did not verify");
        }
        byte[] plaintext = new byte[length];
        stream.processBytes(box, MAC_LENGTH, length, plaintext, 0);
        return plaintext;
    }

    private static XSalsa20Engine keyStream(byte[] key, byte[] nonce24) {
        XSalsa20Engine stream = new XSalsa20Engine();
        stream.init(true, new ParametersWithIV(new KeyParameter(key), nonce24));
        return stream;
    }

    /** NaCl takes the one-time Poly1305 key from the first 32 keystream bytes; the message uses the rest. */
    private static Poly1305 macFor(XSalsa20Engine stream) {
        byte[] macKey = new byte[POLY1305_KEY_LENGTH];
        stream.processBytes(macKey, 0, macKey.length, macKey, 0);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(macKey));
        Arrays.fill(macKey, (byte) 0);
        return mac;
    }
}
