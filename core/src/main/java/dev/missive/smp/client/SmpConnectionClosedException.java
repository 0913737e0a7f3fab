package dev.missive.smp.client;

/**
 * The connection under a {@link ClientSession} has ended, so a request will get no reply: it was
 * pending when the session closed, or it was made afterwards. {@link #getCause()} says why, when the
 * transport knows: for example an {@link java.io.IOException} for a reset socket or a server that
 * closed the connection, or one caused by a {@link dev.missive.smp.secure.SecureTransportException}
 * (see its {@code reason()}) when the encrypted transport or its version greeting was refused. It is
 * null when the client closed the session itself.
 *
 * <p>The message is fixed text plus the cause's type; it never includes key material or bytes from
 * the peer.
 */
public final class SmpConnectionClosedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a session that ended because of {@code cause} (null: closed by the
     * client).
     *
     * @param cause why the connection ended, or {@code null}
     */
    public SmpConnectionClosedException(Throwable cause) {
        super(
                cause == null
                        ? "SMP connection closed by the client"
                        : "SMP connection closed: " + cause.getClass().getSimpleName(),
                cause);
    }
}
