package dev.missive.crypto.otr;

import java.security.interfaces.DSAPublicKey;
import java.util.List;
import java.util.Optional;

/**
 * One OTR conversation with one peer. Messages are OTR wire strings ({@code ?OTRv23?},
 * {@code ?OTR:...base64....}). Not thread-safe: callers serialize access.
 */
public interface OtrConversation {

    /**
     * Starts the AKE from our side.
     *
     * @return the query message to send ({@code ?OTRv23?} plus a short human-readable line)
     * @throws OtrEngineException if the library fails
     */
    String start() throws OtrEngineException;

    /**
     * Feeds one message received from the peer.
     *
     * @param message the OTR wire string
     * @return what it produced; protocol errors are reported in {@link OtrReceived#errors()}
     * @throws OtrEngineException if the library fails in a way that is not the peer's fault
     */
    OtrReceived receive(String message) throws OtrEngineException;

    /**
     * Encrypts text for the peer.
     *
     * @param plaintext the text (UTF-8 on the wire); must not contain NUL
     * @return the data messages to send (one, since we never fragment)
     * @throws OtrEngineException if the conversation is not ENCRYPTED or the library fails
     */
    List<String> send(String plaintext) throws OtrEngineException;

    /**
     * Ends the encrypted session: the returned data message carries TLV 1 (disconnected).
     *
     * @return the messages to send (empty when no session was encrypted)
     * @throws OtrEngineException if the library fails
     */
    List<String> end() throws OtrEngineException;

    /**
     * The OTR message state.
     *
     * @return the state
     */
    OtrStatus status();

    /**
     * The protocol version negotiated by the AKE (2 or 3), or 0 before.
     *
     * @return the version
     */
    int version();

    /**
     * The peer's long-term key proven by the last AKE.
     *
     * @return the key, empty before the AKE
     */
    Optional<DSAPublicKey> remoteKey();

    /**
     * Starts SMP with a shared secret.
     *
     * @param question an optional question shown to the peer (empty for none)
     * @param secret   the shared secret
     * @return the messages to send
     * @throws OtrEngineException if not ENCRYPTED or the library fails
     */
    List<String> startSmp(String question, String secret) throws OtrEngineException;

    /**
     * Answers the peer's SMP request.
     *
     * @param secret the shared secret
     * @return the messages to send
     * @throws OtrEngineException if no SMP request is pending or the library fails
     */
    List<String> answerSmp(String secret) throws OtrEngineException;
}
