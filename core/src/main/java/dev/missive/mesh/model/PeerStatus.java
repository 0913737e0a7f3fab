package dev.missive.mesh.model;

/** Whether a server still syncs with a peer. */
public enum PeerStatus {
    /** Synced with on every round. */
    ACTIVE,
    /** Score fell to the drop threshold: no longer synced with, its requests refused. */
    DROPPED
}
