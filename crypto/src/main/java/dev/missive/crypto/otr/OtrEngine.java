package dev.missive.crypto.otr;

/**
 * A factory of OTR conversations: the one seam between Missive and an OTR library. The policy is
 * fixed by the implementation to what OSMS requires: OTR v2 and v3 offered, v3 preferred,
 * encryption required, no plaintext fallback, no fragmentation of outgoing messages.
 */
public interface OtrEngine {

    /**
     * Opens a new conversation in the PLAINTEXT state.
     *
     * @param localAccount  a label for our side (only used to tell conversations apart)
     * @param remoteAccount a label for the peer
     * @param localKey      our long-term DSA key, which the AKE proves to the peer
     * @return the conversation; the caller confines it to one thread at a time
     */
    OtrConversation open(String localAccount, String remoteAccount, OtrKeyPair localKey);
}
