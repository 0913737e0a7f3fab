package dev.missive.event;

/** Why a connection or an outbound call failed, as far as the transport can tell. */
public enum FailureKind {
    /** The peer's name did not resolve. */
    DNS,
    /** Nothing accepted the connection. */
    REFUSED,
    /** The peer reset or closed the connection before answering (or a write hit a connection it had closed). */
    RESET,
    /** A connect, read or whole-call timeout expired. */
    TIMEOUT,
    /** TLS failed: handshake, certificate, or host name. */
    TLS,
    /** The transport-level security handshake of the protocol itself failed (e.g. SMP Appendix A). */
    HANDSHAKE,
    /** The peer answered with an HTTP status the protocol does not accept. */
    HTTP_STATUS,
    /** The peer answered with a redirect, which Missive never follows: a node answers for its own domain. */
    REDIRECT,
    /** The peer sent more than the size cap allows. */
    TOO_LARGE,
    /** The peer sent bytes that break the framing or the protocol. */
    PROTOCOL,
    /** Any other I/O failure. */
    IO
}
