package dev.missive.tcp;

import java.io.IOException;

/**
 * The peer's opening handshake broke the protocol's rules (a malformed or undecryptable handshake,
 * a refused greeting). A {@link TcpServer} reports it as
 * {@link dev.missive.event.FailureKind#HANDSHAKE} and closes the connection without a reply.
 */
public final class HandshakeException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * A handshake failure with a description that holds no secrets.
     *
     * @param message what was wrong
     */
    public HandshakeException(String message) {
        super(message);
    }

    /**
     * A handshake failure with a description that holds no secrets, caused by {@code cause}.
     *
     * @param message what was wrong
     * @param cause the underlying failure
     */
    public HandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
