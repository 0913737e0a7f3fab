package dev.missive.openmsg.spi;

import dev.missive.crypto.Secret;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything an Openmsg node keeps. One store may serve several node instances (PostgreSQL), so every
 * method that changes state is atomic on its own (one transaction), and the engine persists before it
 * acknowledges. Expiry is data: callers pass {@code now}; no method starts timers. Secrets (pass codes,
 * codes, keys, pending-handshake hashes) arrive as {@link Secret}s and must never be logged by an
 * implementation; a database stores their text ({@link Secret#revealText()}).
 *
 * <p>The contract is pinned by {@code dev.missive.openmsg.spi.OpenmsgStoreContract} in core's test-jar:
 * every implementation runs it.
 */
public interface OpenmsgStore {

    // ---- users -------------------------------------------------------------------------------------

    /** Inserts the user, or replaces the display name of an existing user with the same id. */
    void putUser(OpenmsgUser user);

    /** The user with numeric id {@code id}. */
    Optional<OpenmsgUser> user(String id);

    // ---- pass codes ---------------------------------------------------------------------------------

    /**
     * Stores an outstanding pass code for {@code userId} and resets the user's failure counter to zero
     * (so each newly issued code gives at most {@code maxFailures} guesses). A user may hold several
     * codes; the same code twice is allowed and each is single use.
     */
    void addPassCode(String userId, Secret code, Instant issuedAt, Instant expiresAt);

    /**
     * Atomically checks {@code presented} against the user's outstanding codes and applies the burn
     * rules:
     * <ol>
     *   <li>a matching code with {@code now < expiresAt} is deleted, the failure counter reset to zero:
     *       {@link PassCodeCheck#ACCEPTED};</li>
     *   <li>a matching code with {@code now >= expiresAt} is deleted: {@link PassCodeCheck#EXPIRED};</li>
     *   <li>otherwise the failure counter is incremented; when it reaches {@code maxFailures} every code
     *       of the user is deleted and the counter reset: {@link PassCodeCheck#LOCKED_OUT}; else
     *       {@link PassCodeCheck#REJECTED}. An unknown user gives {@code REJECTED} and stores nothing.</li>
     * </ol>
     * Implementations compare codes in constant time ({@link Secret#matches}) over all
     * of the user's codes, rather than by an indexed equality lookup on the code.
     */
    PassCodeCheck usePassCode(String userId, Secret presented, Instant now, int maxFailures);

    // ---- pending handshakes (initiator side) -------------------------------------------------------

    /** Stores {@code handshake}, replacing any pending handshake of the same (initiator, acceptor) pair. */
    void putPendingHandshake(PendingHandshake handshake);

    /** Every pending handshake (expired or not) whose acceptor is {@code acceptor}, oldest first. */
    List<PendingHandshake> pendingHandshakes(OpenmsgAddress acceptor);

    /**
     * Deletes the pending handshake of (initiator, acceptor) if its hash equals {@code passcodeHash};
     * true iff this call deleted it (so two concurrent confirmations cannot both succeed).
     */
    boolean removePendingHandshake(OpenmsgAddress initiator, OpenmsgAddress acceptor, Secret passcodeHash);

    // ---- connections --------------------------------------------------------------------------------

    /** Stores {@code connection}, replacing any connection of the same (self, other) pair. */
    void putConnection(OpenmsgConnection connection);

    /** The connection of (self, other). */
    Optional<OpenmsgConnection> connection(OpenmsgAddress self, OpenmsgAddress other);

    /** The connection of local user {@code self} whose ident code is {@code identCode} (exact match). */
    Optional<OpenmsgConnection> connectionByIdentCode(OpenmsgAddress self, Secret identCode);

    // ---- messages we sent ---------------------------------------------------------------------------

    /** Records a message about to be posted. {@code messageHash} is unique: a duplicate throws {@link IllegalStateException}. */
    void addOutbound(OutboundMessage message);

    /**
     * Atomically confirms a sent message: true iff a message with {@code messageHash} exists, its
     * nonce equals {@code messageNonce} (constant-time compare), its status is
     * {@link OutboundStatus#PENDING} and {@code now <= confirmableUntil}; the status then becomes
     * {@link OutboundStatus#CONFIRMED}, so a second confirmation of the same message is refused.
     */
    boolean confirmOutbound(String messageHash, String messageNonce, Instant now);

    /** Sets the final status of a sent message ({@link OutboundStatus#DELIVERED} or {@link OutboundStatus#FAILED}); no-op if unknown. */
    void completeOutbound(String messageHash, OutboundStatus status);

    /** Messages sent by {@code sender}, oldest first. */
    List<OutboundMessage> outbound(OpenmsgAddress sender);

    // ---- messages we received (inbox + replay guard) ------------------------------------------------

    /** True iff {@code messageHash} is in the replay guard with {@code now < expiresAt}. */
    boolean isReplay(String messageHash, Instant now);

    /**
     * Atomically records {@code message.messageHash()} in the replay guard until {@code guardExpiresAt}
     * and appends {@code message} to its recipient's inbox. Returns false and stores nothing if the hash
     * is already guarded with {@code message.receivedAt() < expiresAt} (an expired guard entry counts
     * as absent and is replaced). The guard survives restarts and is shared by every node instance on
     * the store.
     */
    boolean acceptInbound(InboxMessage message, Instant guardExpiresAt);

    /** The inbox of {@code recipient}, oldest first (by receipt, then insertion). */
    List<InboxMessage> inbox(OpenmsgAddress recipient);

    // ---- housekeeping -------------------------------------------------------------------------------

    /**
     * Deletes pass codes, pending handshakes and replay-guard entries whose {@code expiresAt <= now};
     * returns how many rows were deleted. Inbox and sent messages are kept.
     */
    int purgeExpired(Instant now);
}
