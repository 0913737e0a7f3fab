package dev.missive.crypto;

/**
 * Text is not valid strict hex, canonical base64/base64url, or well-formed PEM armour.
 */
public final class EncodingException extends CryptoException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, without the offending bytes
     */
    public EncodingException(String message) {
        super(message);
    }
}
