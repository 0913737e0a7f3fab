package dev.missive.openmsg.spi;

import dev.missive.event.FailureKind;
import java.util.Objects;

/**
 * The transport could not get an HTTP answer from a peer: DNS, connect, TLS, timeout, reset, body
 * over the size cap. Messages name the cause in general terms, never request contents.
 *
 * <p>{@link #reason()} says what failed; {@link #requestMaybeDelivered()} says whether the peer may
 * have received (and acted on) the request. A transport reports {@code false} only when it knows the
 * request never left this node, e.g. the connection could not be opened, or a pooled connection was
 * found closed by the peer before anything was written on it. The engine decides per endpoint
 * whether a call that may have been delivered is sent again ({@code OpenmsgEndpoint}).
 */
public class PeerUnreachableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, part of the serialized form. */
    private final FailureKind reason;
    /** Whether the peer may have received the request, part of the serialized form. */
    private final boolean requestMaybeDelivered;

    /**
     * A failure of unknown kind that may have reached the peer (the conservative reading).
     *
     * @param message the cause in general terms
     */
    public PeerUnreachableException(String message) {
        this(FailureKind.IO, true, message, null);
    }

    /**
     * A failure of unknown kind that may have reached the peer (the conservative reading).
     *
     * @param message the cause in general terms
     * @param cause   the transport's own exception
     */
    public PeerUnreachableException(String message, Throwable cause) {
        this(FailureKind.IO, true, message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param reason                what failed
     * @param requestMaybeDelivered {@code false} only if the request certainly never reached the peer
     * @param message               the cause in general terms
     * @param cause                 the transport's own exception, or {@code null}
     */
    public PeerUnreachableException(
            FailureKind reason, boolean requestMaybeDelivered, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.requestMaybeDelivered = requestMaybeDelivered;
    }

    /**
     * What failed.
     *
     * @return the kind of failure
     */
    public FailureKind reason() {
        return reason;
    }

    /**
     * {@code true} if the peer may have received the request (it was written, fully or in part, before
     * the failure); {@code false} if it certainly was not.
     *
     * @return whether a retry could duplicate the request
     */
    public boolean requestMaybeDelivered() {
        return requestMaybeDelivered;
    }
}
