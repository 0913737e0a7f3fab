package dev.missive.mesh;

import dev.missive.ProtocolException;
import dev.missive.mesh.model.MeshError;
import java.util.Objects;

/**
 * A mesh error reported to a host: a server's refusal read by a client, or an answer that is not the
 * protocol's JSON. Carries the {@link MeshError} whose code is on the wire.
 */
public final class MeshException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    private final transient MeshError error;

    /**
     * Creates an exception carrying a mesh error.
     *
     * @param error   the error
     * @param message what was wrong, in general terms (never a key, content or signature)
     */
    public MeshException(MeshError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
    }

    /**
     * The error.
     *
     * @return the error whose code is on the wire
     */
    public MeshError error() {
        return error;
    }

    @Override
    public String protocol() {
        return "mesh";
    }

    @Override
    public String wireCode() {
        return error.code();
    }
}
