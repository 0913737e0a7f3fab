package dev.missive.openmsg;

import java.util.Optional;

/** The four node-to-node endpoints, each a POST with a JSON body under the node's {@code /openmsg/} base. */
public enum OpenmsgEndpoint {
    /** On the acceptor, called by the initiator to start a handshake with a pass code. */
    AUTH("auth/"),
    /** On the initiator, called back by the acceptor to prove the handshake came from the initiator's domain. */
    AUTH_CONFIRM("auth-confirm/"),
    /** On the recipient, called by the sender with a sealed message. */
    MESSAGE_RECEIVE("message-receive/"),
    /** On the sender, called back by the recipient to confirm the sender really sent a message. */
    MESSAGE_CONFIRM("message-confirm/");

    private final String path;

    OpenmsgEndpoint(String path) {
        this.path = path;
    }

    /** The path relative to the base URI (or to its {@code sandbox/} child), with its trailing slash. */
    public String path() {
        return path;
    }

    /**
     * The endpoint whose path is {@code path}; a missing trailing slash is tolerated
     * ({@code "auth"} and {@code "auth/"} both give {@link #AUTH}).
     */
    public static Optional<OpenmsgEndpoint> fromPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String withSlash = path.endsWith("/") ? path : path + "/";
        for (OpenmsgEndpoint endpoint : values()) {
            if (endpoint.path.equals(withSlash)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }
}
