package dev.missive.mesh.wire;

import dev.missive.mesh.model.MeshError;
import java.util.Objects;

/**
 * Input that is not what the mesh protocol allows. Carries the error a server answers with; the
 * message names the field and the rule, never the value.
 */
public final class MeshWireException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient MeshError error;

    /**
     * Creates an exception for input the protocol does not allow.
     *
     * @param error   the error to answer with
     * @param message the field and the rule it broke, never its value
     */
    public MeshWireException(MeshError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
    }

    /**
     * The error to answer with.
     *
     * @return the error, whose code a server puts in its error body
     */
    public MeshError error() {
        return error;
    }
}
