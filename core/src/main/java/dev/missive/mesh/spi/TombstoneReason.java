package dev.missive.mesh.spi;

/** Why a packet was removed. */
public enum TombstoneReason {
    /** Its retention period ended. */
    EXPIRED,
    /** Its recipient discarded it (here, or on the peer that forwarded the proof). */
    DISCARDED
}
