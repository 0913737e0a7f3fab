package dev.missive.crypto;

/**
 * Authenticated decryption failed: the tag, box, ciphertext, nonce or associated data does not
 * match. The message deliberately does not say which.
 */
public final class AuthenticationException extends CryptoException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, without the offending bytes
     */
    public AuthenticationException(String message) {
        super(message);
    }
}
