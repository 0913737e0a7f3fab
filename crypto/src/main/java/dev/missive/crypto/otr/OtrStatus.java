package dev.missive.crypto.otr;

/** The OTR message state of a conversation (OTR v3 §"The protocol state machine"). */
public enum OtrStatus {
    /** No encrypted session: before or during the AKE. */
    PLAINTEXT,
    /** The AKE completed; data messages can flow. */
    ENCRYPTED,
    /** The peer ended the encrypted session (TLV 1); nothing more can be sent until a new AKE. */
    FINISHED
}
