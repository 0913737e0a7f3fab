package dev.missive.openmsg;

import dev.missive.event.FailureKind;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerUnreachableException;
import dev.missive.openmsg.wire.OpenmsgJson;
import dev.missive.openmsg.wire.PeerReply;
import dev.missive.openmsg.wire.WireFormatException;
import java.net.URI;
import java.util.Objects;

/**
 * The one way the engine parts call a peer: POST to the endpoint at the peer's domain, require HTTP
 * 200, read the body with the tolerant reply reader. A call that gets no usable answer emits
 * {@link OpenmsgEvent.PeerCallFailed} here and throws {@link Failed}, which each caller maps to its
 * own typed error (a handshake error, a response code, a send failure).
 */
final class PeerCall {

    private final NodeContext ctx;

    PeerCall(NodeContext ctx) {
        this.ctx = ctx;
    }

    /**
     * POSTs {@code body} to {@code endpoint} of the node at {@code peerDomain} (a validated domain
     * from an address or a stored connection, never raw request text) and returns its JSON answer.
     * A failure that may have come after the peer received the request is sent once more if
     * {@link OpenmsgEndpoint#resendWhenDeliveryUncertain()} allows it; a failure before anything was
     * sent has already been resent by the transport on a fresh connection.
     *
     * @throws Failed if the peer was unreachable, answered another status than 200 or a body that is
     *                not a JSON object
     */
    PeerReply post(String peerDomain, OpenmsgEndpoint endpoint, byte[] body) throws Failed {
        URI uri = ctx.locator().baseUri(peerDomain).resolve(ctx.config().pathPrefix() + endpoint.path());
        PeerResponse response;
        try {
            response = postWithResendPolicy(uri, endpoint, body);
        } catch (PeerUnreachableException e) {
            throw fail(
                    endpoint,
                    peerDomain,
                    new Failed(
                            Stage.UNREACHABLE,
                            e.reason(),
                            0,
                            e.reason() + ": " + NodeContext.sanitize(String.valueOf(e.getMessage()))));
        }
        if (response.status() != 200) {
            throw fail(
                    endpoint,
                    peerDomain,
                    new Failed(Stage.STATUS, FailureKind.HTTP_STATUS, response.status(), "HTTP " + response.status()));
        }
        try {
            return OpenmsgJson.parseReply(response.body(), ctx.config().maxRequestBytes());
        } catch (WireFormatException e) {
            throw fail(endpoint, peerDomain, new Failed(Stage.REPLY, FailureKind.PROTOCOL, 200, e.getMessage()));
        }
    }

    private PeerResponse postWithResendPolicy(URI uri, OpenmsgEndpoint endpoint, byte[] body)
            throws PeerUnreachableException {
        try {
            return ctx.transport().post(uri, body);
        } catch (PeerUnreachableException first) {
            if (!first.requestMaybeDelivered() || !endpoint.resendWhenDeliveryUncertain()) {
                throw first;
            }
            try {
                return ctx.transport().post(uri, body);
            } catch (PeerUnreachableException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    private Failed fail(OpenmsgEndpoint endpoint, String peerDomain, Failed failure) {
        ctx.emit(new OpenmsgEvent.PeerCallFailed(ctx.clock().now(), endpoint, peerDomain, failure.reason()));
        return failure;
    }

    /** Where a call failed. */
    enum Stage {
        /** No HTTP answer: DNS, connect, TLS, timeout, oversized body, redirect. */
        UNREACHABLE,
        /** An HTTP answer with another status than 200. */
        STATUS,
        /** Status 200, but the body is not a JSON object. */
        REPLY
    }

    /** A call that got no usable answer; {@link #getMessage()} is a detail safe to show (no request content). */
    static final class Failed extends Exception {

        private static final long serialVersionUID = 1L;

        private final Stage stage;
        private final FailureKind reason;
        private final int status;

        Failed(Stage stage, FailureKind reason, int status, String detail) {
            super(detail, null, false, false);
            this.stage = Objects.requireNonNull(stage, "stage");
            this.reason = Objects.requireNonNull(reason, "reason");
            this.status = status;
        }

        /** What kind of failure it was, as the transport saw it ({@link FailureKind#HTTP_STATUS} for a status). */
        FailureKind reason() {
            return reason;
        }

        /** Where the call failed. */
        Stage stage() {
            return stage;
        }

        /** The HTTP status for {@link Stage#STATUS} and {@link Stage#REPLY}; 0 when there was no answer. */
        int status() {
            return status;
        }
    }
}
