package dev.missive.crypto;

/**
 * A key has the wrong length, is not valid DER/PEM for the expected algorithm, is not a valid
 * curve point, or its agreement produced the all-zero secret.
 */
public final class KeyFormatException extends CryptoException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, without the offending bytes
     */
    public KeyFormatException(String message) {
        super(message);
    }
}
