package dev.missive.event;

import java.time.Instant;
import java.util.Objects;

/**
 * What a transport server did with a connection. {@code connectionId} is a number
 * the transport gives each connection it serves, unique per server instance, so the events of one
 * connection can be told apart; {@code remote} is the peer's {@code host:port} or URL base.
 */
public sealed interface ConnectionEvent extends MissiveEvent {

    /**
     * A server accepted a connection.
     *
     * @param protocol the short name of the protocol the server speaks, e.g. {@code "smp"}
     * @param at when the connection was accepted
     * @param connectionId the server's number for the connection
     * @param remote the peer's {@code host:port} or URL base
     */
    record Opened(String protocol, Instant at, long connectionId, String remote) implements ConnectionEvent {
        /** Checks the components. */
        public Opened {
            requireNonNull(protocol, at, remote);
        }
    }

    /**
     * A server refused a connection before serving it, e.g. because it is at its connection limit.
     *
     * @param protocol the short name of the protocol the server speaks
     * @param at when the connection was refused
     * @param remote the peer's {@code host:port} or URL base
     * @param why why it was refused, e.g. the connection limit
     */
    record Refused(String protocol, Instant at, String remote, String why) implements ConnectionEvent {
        /** Checks the components. */
        public Refused {
            requireNonNull(protocol, at, remote);
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * The transport's own opening handshake failed (a bad greeting, an Appendix A failure, TLS).
     *
     * @param protocol the short name of the protocol the server speaks
     * @param at when the handshake failed
     * @param connectionId the server's number for the connection
     * @param remote the peer's {@code host:port} or URL base
     * @param kind the kind of failure
     * @param detail what failed, without secrets or peer-supplied text
     */
    record HandshakeFailed(
            String protocol, Instant at, long connectionId, String remote, FailureKind kind, String detail)
            implements ConnectionEvent {
        /** Checks the components. */
        public HandshakeFailed {
            requireNonNull(protocol, at, remote);
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A served connection ended, with how many bytes went each way.
     *
     * @param protocol the short name of the protocol the server speaks
     * @param at when the connection ended
     * @param connectionId the server's number for the connection
     * @param remote the peer's {@code host:port} or URL base
     * @param reason why it ended
     * @param bytesIn bytes read from the peer over the connection's lifetime
     * @param bytesOut bytes written to the peer over the connection's lifetime
     */
    record Closed(
            String protocol,
            Instant at,
            long connectionId,
            String remote,
            CloseReason reason,
            long bytesIn,
            long bytesOut)
            implements ConnectionEvent {
        /** Checks the components. */
        public Closed {
            requireNonNull(protocol, at, remote);
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static void requireNonNull(String protocol, Instant at, String remote) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(remote, "remote");
    }
}
