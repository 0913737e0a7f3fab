package dev.missive.smp.secure;

import java.util.Objects;

/**
 * The Appendix A transport cannot go on: the peer sent a malformed handshake, a key that does not
 * match the pinned hash, or a block that fails authentication or arrives out of order. Appendix A
 * has no error message on the wire: the only answer is to close the connection, so this is not an
 * SMP {@code ERR} and carries a {@link Reason} instead of a wire code.
 *
 * <p>Messages never contain key material or the rejected bytes.
 */
public final class SecureTransportException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the secure transport failed. */
    public enum Reason {
        /** The server's clear-text header is malformed (length, mode, key encoding). */
        BAD_SERVER_HEADER,
        /** SHA-256 of the server key does not match the hash the client expected. */
        SERVER_KEY_MISMATCH,
        /** The client handshake could not be decrypted or has the wrong layout. */
        BAD_CLIENT_HANDSHAKE,
        /** A block size that is not one of {@link SecureTransport#ALLOWED_BLOCK_SIZES}. */
        BAD_BLOCK_SIZE,
        /** A block failed AES-GCM authentication: tampered, truncated, replayed or reordered. */
        BLOCK_AUTHENTICATION,
        /** A block decrypted but its length prefix or {@code #} padding is invalid. */
        BAD_BLOCK_FRAMING,
        /** The block counter of a direction is exhausted (2^32 blocks): the IV would repeat. */
        COUNTER_EXHAUSTED,
        /** The server's version greeting is malformed or newer than this client. */
        BAD_GREETING
    }

    /** Why, part of the serialized form. */
    private final Reason reason;

    /**
     * Creates the exception; {@code detail} must not contain secrets or peer input.
     *
     * @param reason why the transport failed
     * @param detail a description for logs
     */
    public SecureTransportException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the transport failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
