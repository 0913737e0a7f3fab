package dev.missive.smp.spi;

/** Lifecycle of a queue record. Deleted queues are gone from the store. */
public enum QueueStatus {
    /** Accepts {@code SEND}s. */
    ACTIVE,
    /** Suspended by {@code OFF}: senders get {@code ERR AUTH}; the recipient may still drain it. */
    SUSPENDED
}
