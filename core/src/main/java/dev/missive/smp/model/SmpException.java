package dev.missive.smp.model;

import dev.missive.ProtocolException;
import java.util.Objects;

/**
 * A typed SMP protocol error. Its {@link #wireCode()} is the exact error text of the seed dialect,
 * e.g. {@code ERR SYNTAX 2}, so a transport or a client can act on it without string matching.
 * The family is closed: the error kinds are the members of {@link SmpError}.
 */
public final class SmpException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** The error code, part of the serialized form. */
    private final SmpError error;

    /**
     * An error whose message is its wire text.
     *
     * @param error the error
     */
    public SmpException(SmpError error) {
        super(Objects.requireNonNull(error, "error").wireText());
        this.error = error;
    }

    /**
     * An error with a detail for logs; {@code detail} must not contain secrets or peer input.
     *
     * @param error the error
     * @param detail the detail
     */
    public SmpException(SmpError error, String detail) {
        super(Objects.requireNonNull(error, "error").wireText() + ": " + detail);
        this.error = error;
    }

    /**
     * The error kind.
     *
     * @return the error
     */
    public SmpError error() {
        return error;
    }

    @Override
    public String protocol() {
        return "smp";
    }

    @Override
    public String wireCode() {
        return error.wireText();
    }
}
