package dev.missive.openmsg.model;

/** Thrown by {@link OpenmsgAddress} for text that is not a valid Openmsg address. The message never echoes the input. */
public final class InvalidAddressException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what rule the text broke, without the text itself
     */
    public InvalidAddressException(String message) {
        super(message);
    }
}
