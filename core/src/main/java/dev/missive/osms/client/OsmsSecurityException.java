package dev.missive.osms.client;

/**
 * A key did not match what the client trusts: the server's key differs from the given fingerprint
 * or its pin, or a peer's OTR key differs from its directory key or pin. The client refuses to go
 * on; a user decides (e.g. re-pins after checking the new fingerprint out of band).
 */
public final class OsmsSecurityException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what did not match (fingerprints are public and may be named)
     */
    public OsmsSecurityException(String message) {
        super(message);
    }
}
