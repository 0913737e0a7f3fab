package dev.missive.crypto.otr;

/** An OTR step failed for a local reason (wrong state, library failure). */
public final class OtrEngineException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, without secret material
     */
    public OtrEngineException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed, without secret material
     * @param cause   the library's exception
     */
    public OtrEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
