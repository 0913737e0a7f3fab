package dev.missive.openmsg;

import dev.missive.ProtocolException;

/**
 * Openmsg's typed errors: a refused message ({@link MessageRejectedException}, wire codes
 * {@code SM_E000}..{@code SM_E009}) or a refused handshake step ({@link HandshakeRejectedException},
 * {@code "error": true} with a fixed {@code error_message}). Messages never contain secrets or echo
 * peer input.
 */
public abstract sealed class OpenmsgException extends ProtocolException
        permits MessageRejectedException, HandshakeRejectedException {

    private static final long serialVersionUID = 1L;

    OpenmsgException(String message) {
        super(message);
    }

    @Override
    public final String protocol() {
        return "openmsg";
    }
}
