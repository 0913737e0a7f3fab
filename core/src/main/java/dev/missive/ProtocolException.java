package dev.missive;

/**
 * Base of every protocol's typed error family. Each protocol defines a sealed subclass hierarchy
 * whose members carry the protocol's own wire code (e.g. Openmsg {@code SM_E004}, SMP
 * {@code ERR SYNTAX 2}), so a transport can answer a peer without string matching.
 *
 * <p>Messages describe what was wrong with the input in general terms; they never contain secret
 * values or echo peer-supplied secrets.
 */
public abstract class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, in general terms
     */
    protected ProtocolException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what was wrong, in general terms
     * @param cause   the underlying failure
     */
    protected ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Short protocol name, e.g. {@code "openmsg"}.
     *
     * @return the protocol's short name
     */
    public abstract String protocol();

    /**
     * The code this error has on the protocol's wire.
     *
     * @return the wire code, e.g. {@code "AUTH"} for SMP or {@code "SM_E007"} for Openmsg
     */
    public abstract String wireCode();
}
