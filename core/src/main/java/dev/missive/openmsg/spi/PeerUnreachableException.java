package dev.missive.openmsg.spi;

/**
 * The transport could not get an HTTP answer from a peer: DNS, connect, TLS, timeout, body over the
 * size cap. Messages name the cause in general terms, never request contents.
 */
public class PeerUnreachableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message the cause in general terms */
    public PeerUnreachableException(String message) {
        super(message);
    }

    /**
     * @param message the cause in general terms
     * @param cause   the transport's own exception
     */
    public PeerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
