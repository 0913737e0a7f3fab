package dev.missive.osms.client;

/** What {@link OsmsClient#send} did with a text. */
public enum SendResult {
    /** Encrypted in the open conversation and queued on the server for the peer. */
    SENT,
    /**
     * Held until the OTR AKE with the peer completes: an OTR query went out, and later
     * {@link OsmsClient#poll()} calls finish the AKE and send the text (the peer must poll too).
     */
    PENDING
}
