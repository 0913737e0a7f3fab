package dev.missive.crypto;

/**
 * Base of every failure this module reports for bad input: a malformed key, a malformed encoding, or
 * data that failed authentication. Unchecked, so protocol code can catch the whole family in one
 * place and map it to its own wire error.
 *
 * <p>Messages never contain key bytes or the rejected input, and no cause that might echo the input
 * is attached.
 */
public abstract sealed class CryptoException extends RuntimeException
        permits KeyFormatException, EncodingException, AuthenticationException {

    private static final long serialVersionUID = 1L;

    CryptoException(String message) {
        super(message);
    }
}
