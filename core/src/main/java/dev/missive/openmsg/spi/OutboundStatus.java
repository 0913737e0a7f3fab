package dev.missive.openmsg.spi;

/** Where a sent message is in its life. */
public enum OutboundStatus {
    /** Recorded, posted (or about to be), not yet confirmed by the recipient. */
    PENDING,
    /** The recipient's node called message-confirm for it (confirmations are single use). */
    CONFIRMED,
    /** The recipient's node answered SM_S888. */
    DELIVERED,
    /** The recipient's node refused it, or could not be reached. */
    FAILED
}
