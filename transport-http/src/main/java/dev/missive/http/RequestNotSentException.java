package dev.missive.http;

import java.io.IOException;

/**
 * A call failed before any byte of its request was written: the connection could not be opened
 * (DNS, refused, TLS handshake, connect timeout), or it was a pooled connection the peer had closed
 * and the resend on a fresh connection could not be opened either. The peer certainly did not get
 * the request; the cause says what failed.
 */
public final class RequestNotSentException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param cause what made the call fail before sending
     */
    public RequestNotSentException(IOException cause) {
        super("request not sent: " + cause.getMessage(), cause);
    }
}
