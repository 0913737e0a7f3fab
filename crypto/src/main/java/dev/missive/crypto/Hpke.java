package dev.missive.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.internal.HpkeDecrypt;
import com.google.crypto.tink.hybrid.internal.HpkeEncrypt;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Single-shot HPKE (RFC 9180) in base mode with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and
 * ChaCha20-Poly1305, through Tink. {@code info} is the RFC's application info (bound into the key
 * schedule); the AEAD's associated data is empty. Output is enc(32) ‖ ciphertext ‖ tag(16), with
 * no Tink key-id prefix, so any RFC 9180 implementation can open it.
 */
public final class Hpke {

    /** Length of the encapsulated key (the ephemeral X25519 public key). */
    public static final int ENC_LENGTH = 32;
    /** Length of the AEAD tag. */
    public static final int TAG_LENGTH = 16;

    private static final HpkeParameters PARAMETERS = parameters();

    private Hpke() {}

    private static HpkeParameters parameters() {
        try {
            return HpkeParameters.builder()
                    .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                    .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                    .setAeadId(HpkeParameters.AeadId.CHACHA20_POLY1305)
                    .setVariant(HpkeParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink rejects a standard HPKE suite", e);
        }
    }

    /**
     * Encrypts {@code plaintext} to {@code recipient} with a fresh ephemeral key.
     *
     * @param recipient the recipient's X25519 public key
     * @param plaintext the bytes to encrypt (may be empty)
     * @param info the application info bound into the key schedule; the recipient must pass the
     *     same bytes
     * @return enc(32) ‖ ciphertext ‖ tag(16)
     * @throws KeyFormatException if HPKE rejects the recipient key (a low-order point)
     */
    public static byte[] seal(X25519PublicKey recipient, byte[] plaintext, byte[] info) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(info, "info");
        try {
            return HpkeEncrypt.create(tinkPublicKey(recipient)).encrypt(plaintext, info);
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("HPKE rejected the recipient public key");
        }
    }

    /**
     * Decrypts output of {@link #seal} addressed to {@code recipient}.
     *
     * @param recipient the recipient's X25519 private key
     * @param sealed enc(32) ‖ ciphertext ‖ tag(16), as {@link #seal} returns it
     * @param info the application info the sender used
     * @return the plaintext
     * @throws AuthenticationException if the input is too short, the encapsulated key is invalid, or
     *     the tag does not verify for this key and {@code info}
     */
    public static byte[] open(X25519PrivateKey recipient, byte[] sealed, byte[] info) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(info, "info");
        if (sealed.length < ENC_LENGTH + TAG_LENGTH) {
            throw new AuthenticationException("HPKE ciphertext did not verify");
        }
        HpkePrivateKey privateKey;
        try {
            privateKey = HpkePrivateKey.create(
                    tinkPublicKey(recipient.publicKey()),
                    SecretBytes.copyFrom(recipient.revealSecret(), InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink rejects a consistent X25519 key pair", e);
        }
        try {
            return HpkeDecrypt.create(privateKey).decrypt(sealed, info);
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException("HPKE ciphertext did not verify");
        }
    }

    private static HpkePublicKey tinkPublicKey(X25519PublicKey key) throws GeneralSecurityException {
        return HpkePublicKey.create(PARAMETERS, Bytes.copyFrom(key.rawUnsafe()), null);
    }
}
