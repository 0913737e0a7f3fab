package dev.missive.openmsg;

import java.util.Optional;

/**
 * The four node-to-node endpoints, each a POST with a JSON body under the node's {@code /openmsg/} base.
 *
 * <p>Each endpoint also carries the engine's retry decision for a call that failed after the request
 * may have reached the peer ({@link #resendWhenDeliveryUncertain()}). A call that certainly was not
 * sent (e.g. a pooled connection the peer had already closed) is always sent again by the transport;
 * see docs/openmsg.md, "Outbound calls and retries".
 */
public enum OpenmsgEndpoint {
    /**
     * On the acceptor, called by the initiator to start a handshake with a pass code. Not sent again
     * when delivery is uncertain: the acceptor burns the pass code on its first try, so a second
     * {@code auth/} can only be refused (and counts as a wrong code towards the user's lock-out).
     */
    AUTH("auth/", false),
    /**
     * On the initiator, called back by the acceptor to prove the handshake came from the initiator's
     * domain. Sent once more when delivery is uncertain: the initiator consumes its pending handshake
     * on the first confirmation, so a repeat either confirms a handshake that never saw the first
     * (the first was lost) or is refused; it cannot confirm anything twice.
     */
    AUTH_CONFIRM("auth-confirm/", true),
    /**
     * On the recipient, called by the sender with a sealed message. Sent once more when delivery is
     * uncertain: the recipient's replay guard refuses a message hash it already accepted
     * ({@code SM_E007}), and our own {@code message-confirm/} confirms each hash only once, so a repeat
     * can never put the message in the inbox twice.
     */
    MESSAGE_RECEIVE("message-receive/", true),
    /**
     * On the sender, called back by the recipient to confirm the sender really sent a message. Sent
     * once more when delivery is uncertain: the sender confirms each message hash once, so a repeat
     * either gives the answer the first attempt lost or is refused.
     */
    MESSAGE_CONFIRM("message-confirm/", true);

    private final String path;
    private final boolean resendWhenDeliveryUncertain;

    OpenmsgEndpoint(String path, boolean resendWhenDeliveryUncertain) {
        this.path = path;
        this.resendWhenDeliveryUncertain = resendWhenDeliveryUncertain;
    }

    /**
     * Whether a call to this endpoint is sent once more after a failure that may have come after the
     * peer received the request (e.g. a reset while waiting for the answer). True only where the
     * protocol makes a duplicate harmless; each constant's documentation says why.
     *
     * @return {@code true} if the engine may send the call a second time
     */
    public boolean resendWhenDeliveryUncertain() {
        return resendWhenDeliveryUncertain;
    }

    /**
     * The path relative to the base URI (or to its {@code sandbox/} child), with its trailing
     * slash.
     *
     * @return the relative path, e.g. {@code "auth/"}
     */
    public String path() {
        return path;
    }

    /**
     * The endpoint whose path is {@code path}; a missing trailing slash is tolerated
     * ({@code "auth"} and {@code "auth/"} both give {@link #AUTH}).
     *
     * @param path the path after the node's base, with or without its trailing slash
     * @return the endpoint, or empty if no endpoint has this path
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
