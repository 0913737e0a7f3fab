package dev.missive.openmsg.spi;

/**
 * Why a call to a peer node failed, as the transport (or, for {@link #HTTP_STATUS}, the engine) saw it.
 * Hosts log it and show it; it never carries request contents.
 */
public enum PeerFailure {
    /** The peer's domain did not resolve. */
    DNS,
    /** The TCP connection was refused or could not be opened (no route, host down). */
    REFUSED,
    /** Connecting, writing the request or waiting for the answer took longer than allowed. */
    TIMEOUT,
    /** The TLS handshake failed: untrusted or mismatched certificate, no common protocol or cipher. */
    TLS,
    /** The peer reset the connection (or the write hit a connection the peer had closed). */
    RESET,
    /** The peer closed the connection without sending a complete answer. */
    CLOSED,
    /** The peer answered something that is not HTTP (bad status line, headers or framing). */
    PROTOCOL,
    /** The answer's body was larger than the transport's cap. */
    TOO_LARGE,
    /** The peer answered with a redirect; a node must answer for its own domain. */
    REDIRECT,
    /** The peer answered with an HTTP status the protocol step treats as a failure. */
    HTTP_STATUS,
    /** Anything else (the transport's message says what). */
    OTHER
}
