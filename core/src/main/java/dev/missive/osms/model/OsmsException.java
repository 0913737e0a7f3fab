package dev.missive.osms.model;

import dev.missive.ProtocolException;
import java.util.Objects;

/** An OSMS step failed with one of the protocol's {@link OsmsError} codes. */
public final class OsmsException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** The protocol error code this failure carries; part of the serialized form. */
    private final OsmsError error;

    /**
     * Creates the exception.
     *
     * @param error  the code
     * @param detail what was wrong, in general terms (no secrets, no echoed input)
     */
    public OsmsException(OsmsError error, String detail) {
        super(Objects.requireNonNull(error, "error").code() + ": " + detail);
        this.error = error;
    }

    /**
     * The error.
     *
     * @return the code
     */
    public OsmsError error() {
        return error;
    }

    @Override
    public String protocol() {
        return "osms";
    }

    @Override
    public String wireCode() {
        return error.code();
    }
}
