package dev.missive.openmsg;

import dev.missive.event.FailureKind;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerUnreachableException;
import dev.missive.openmsg.wire.OpenmsgJson;
import dev.missive.openmsg.wire.PeerReply;
import dev.missive.openmsg.wire.WireFormatException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;
import javax.net.ssl.SSLException;

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
     *
     * @throws Failed if the peer was unreachable, answered another status than 200 or a body that is
     *                not a JSON object
     */
    PeerReply post(String peerDomain, OpenmsgEndpoint endpoint, byte[] body) throws Failed {
        URI uri = ctx.locator().baseUri(peerDomain).resolve(ctx.config().pathPrefix() + endpoint.path());
        PeerResponse response;
        try {
            response = ctx.transport().post(uri, body);
        } catch (PeerUnreachableException e) {
            throw fail(endpoint, peerDomain, reasonOf(e), new Failed(Stage.UNREACHABLE, 0,
                    NodeContext.sanitize(String.valueOf(e.getMessage()))));
        }
        if (response.status() != 200) {
            throw fail(endpoint, peerDomain, FailureKind.HTTP_STATUS,
                    new Failed(Stage.STATUS, response.status(), "HTTP " + response.status()));
        }
        try {
            return OpenmsgJson.parseReply(response.body(), ctx.config().maxRequestBytes());
        } catch (WireFormatException e) {
            throw fail(endpoint, peerDomain, FailureKind.PROTOCOL, new Failed(Stage.REPLY, 200, e.getMessage()));
        }
    }

    private Failed fail(OpenmsgEndpoint endpoint, String peerDomain, FailureKind reason, Failed failure) {
        ctx.emit(new OpenmsgEvent.PeerCallFailed(ctx.clock().now(), endpoint, peerDomain, reason));
        return failure;
    }

    /**
     * What kind of transport failure {@code e} was, read from its cause: the one place that maps a
     * {@link PeerUnreachableException} to a {@link FailureKind}.
     */
    private static FailureKind reasonOf(PeerUnreachableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return FailureKind.DNS;
            }
            if (cause instanceof ConnectException) {
                return FailureKind.REFUSED;
            }
            if (cause instanceof InterruptedIOException) {
                return FailureKind.TIMEOUT;
            }
            if (cause instanceof SSLException) {
                return FailureKind.TLS;
            }
        }
        return FailureKind.IO;
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
        private final int status;

        Failed(Stage stage, int status, String detail) {
            super(detail, null, false, false);
            this.stage = Objects.requireNonNull(stage, "stage");
            this.status = status;
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
