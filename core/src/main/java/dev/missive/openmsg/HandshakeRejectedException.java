package dev.missive.openmsg;

import dev.missive.openmsg.model.HandshakeError;
import java.util.Objects;

/** A refused handshake step; on the wire {@code "error": true} with {@link HandshakeError#wireMessage()}. */
public final class HandshakeRejectedException extends OpenmsgException {

    private static final long serialVersionUID = 1L;

    /** The error code, part of the serialized form. */
    private final HandshakeError error;

    /**
     * Creates the exception.
     *
     * @param error  why
     * @param detail what was wrong, in general terms (no input values)
     */
    public HandshakeRejectedException(HandshakeError error, String detail) {
        super(Objects.requireNonNull(error, "error").name() + ": " + detail);
        this.error = error;
    }

    /**
     * Why the step failed.
     *
     * @return the typed reason
     */
    public HandshakeError error() {
        return error;
    }

    /** Our stable name of the error (handshake errors have no wire code), e.g. {@code PASS_CODE_INVALID}. */
    @Override
    public String wireCode() {
        return error.name();
    }
}
