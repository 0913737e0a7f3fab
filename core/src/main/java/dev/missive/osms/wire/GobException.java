package dev.missive.osms.wire;

/** A Gob stream is malformed, too large, or outside the subset this codec implements. */
public final class GobException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong
     */
    public GobException(String message) {
        super(message);
    }
}
