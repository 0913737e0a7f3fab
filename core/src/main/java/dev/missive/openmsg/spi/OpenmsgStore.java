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

    /**
     * Inserts the user, or replaces the display name of an existing user with the same id.
     *
     * @param user the user to store
     */
    void putUser(OpenmsgUser user);

    /**
     * The user with numeric id {@code id}.
     *
     * @param id the user's numeric id, the local part of its Openmsg address
     * @return the user, or empty if no user has this id
     */
    Optional<OpenmsgUser> user(String id);

    // ---- pass codes ---------------------------------------------------------------------------------

    /**
     * Stores an outstanding pass code for {@code userId} and resets the user's failure counter to zero
     * (so each newly issued code gives at most {@code maxFailures} guesses). A user may hold several
     * codes; the same code twice is allowed and each is single use.
     *
     * @param userId the id of the user the code lets peers connect to
     * @param code the pass code as handed to the peer; kept secret, never logged
     * @param issuedAt when the code was issued
     * @param expiresAt the first instant at which the code is no longer accepted
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
     *
     * @param userId the id of the user the peer wants to connect to
     * @param presented the pass code the peer presented
     * @param now the current time, compared with each code's expiry
     * @param maxFailures how many wrong codes in a row lock the user's codes out; at least 1
     * @return the outcome: accepted (and consumed), rejected or locked out
     */
    PassCodeCheck usePassCode(String userId, Secret presented, Instant now, int maxFailures);

    // ---- pending handshakes (initiator side) -------------------------------------------------------

    /**
     * Stores {@code handshake}, replacing any pending handshake of the same (initiator, acceptor)
     * pair.
     *
     * @param handshake the handshake awaiting the acceptor's confirmation
     */
    void putPendingHandshake(PendingHandshake handshake);

    /**
     * Every pending handshake (expired or not) whose acceptor is {@code acceptor}, oldest first.
     *
     * @param acceptor the remote user who issued the pass code, now calling back to confirm
     * @return the handshakes, possibly empty
     */
    List<PendingHandshake> pendingHandshakes(OpenmsgAddress acceptor);

    /**
     * Deletes the pending handshake of (initiator, acceptor) if its hash equals {@code passcodeHash};
     * true iff this call deleted it (so two concurrent confirmations cannot both succeed).
     *
     * @param initiator the local user who started the handshake
     * @param acceptor the remote user confirming it
     * @param passcodeHash the hash the confirming call presents, compared in constant time
     * @return {@code true} if a matching handshake was found and deleted
     */
    boolean removePendingHandshake(OpenmsgAddress initiator, OpenmsgAddress acceptor, Secret passcodeHash);

    // ---- connections --------------------------------------------------------------------------------

    /**
     * Stores {@code connection}, replacing any connection of the same (self, other) pair.
     *
     * @param connection the established connection to store
     */
    void putConnection(OpenmsgConnection connection);

    /**
     * The connection of (self, other).
     *
     * @param self the local user's address
     * @param other the peer's address
     * @return the connection, or empty if the two are not connected
     */
    Optional<OpenmsgConnection> connection(OpenmsgAddress self, OpenmsgAddress other);

    /**
     * The connection of local user {@code self} whose ident code is {@code identCode} (exact
     * match).
     *
     * @param self the local user's address
     * @param identCode the ident code a peer presented
     * @return the connection, or empty if no connection of {@code self} has this code
     */
    Optional<OpenmsgConnection> connectionByIdentCode(OpenmsgAddress self, Secret identCode);

    /**
     * What a send from {@code self} to {@code other} reads, in one call: the user with id {@code
     * self.id()} ({@link #user}) and the connection of (self, other) ({@link #connection}). The
     * engine calls this once per message, so a database store answers it with one query.
     *
     * <p>The default calls {@link #user} and {@link #connection}; a store overrides it to read both
     * at once.
     *
     * @param self the local user's address
     * @param other the peer's address
     * @return the user and its connection to {@code other} (empty if not connected), or empty if
     *     there is no user with id {@code self.id()}
     */
    default Optional<SendingUser> sendingUser(OpenmsgAddress self, OpenmsgAddress other) {
        return user(self.id()).map(user -> new SendingUser(user, connection(self, other)));
    }

    /**
     * What a {@code message-receive} call reads, in one call: the connection of local user {@code
     * self} whose ident code is {@code identCode} ({@link #connectionByIdentCode}) and whether
     * {@code messageHash} is guarded at {@code now} ({@link #isReplay}). The engine calls this once per
     * message, so a database store answers it with one query. The replay flag is an early refusal
     * only: {@link #acceptInbound} decides atomically.
     *
     * <p>The default calls {@link #connectionByIdentCode} and {@link #isReplay}; a store overrides
     * it to read both at once.
     *
     * @param self the local user's address
     * @param identCode the ident code a peer presented
     * @param messageHash the lowercase hash of the message the peer presents
     * @param now the current time, compared with the guard entry's expiry
     * @return the connection and the replay flag, or empty if no connection of {@code self} has this
     *     code
     */
    default Optional<ReceivingConnection> receivingConnection(
            OpenmsgAddress self, Secret identCode, String messageHash, Instant now) {
        return connectionByIdentCode(self, identCode)
                .map(connection -> new ReceivingConnection(connection, isReplay(messageHash, now)));
    }

    // ---- messages we sent ---------------------------------------------------------------------------

    /**
     * Records a message about to be posted. {@code messageHash} is unique: a duplicate throws
     * {@link IllegalStateException}.
     *
     * @param message the message, in status {@link OutboundStatus#PENDING}
     */
    void addOutbound(OutboundMessage message);

    /**
     * Atomically confirms a sent message: true iff a message with {@code messageHash} exists, its
     * nonce equals {@code messageNonce} (constant-time compare), its status is
     * {@link OutboundStatus#PENDING} and {@code now <= confirmableUntil}; the status then becomes
     * {@link OutboundStatus#CONFIRMED}, so a second confirmation of the same message is refused.
     *
     * @param messageHash the hash the recipient's confirmation call names
     * @param messageNonce the nonce the recipient's confirmation call presents
     * @param now the current time, compared with {@code confirmableUntil}
     * @return {@code true} if this call confirmed the message
     */
    boolean confirmOutbound(String messageHash, String messageNonce, Instant now);

    /**
     * Sets the final status of a sent message ({@link OutboundStatus#DELIVERED} or {@link
     * OutboundStatus#FAILED}); no-op if unknown.
     *
     * @param messageHash the hash of the sent message
     * @param status the final status
     */
    void completeOutbound(String messageHash, OutboundStatus status);

    /**
     * Messages sent by {@code sender}, oldest first.
     *
     * @param sender the local user's address
     * @return the messages, possibly empty
     */
    List<OutboundMessage> outbound(OpenmsgAddress sender);

    // ---- messages we received (inbox + replay guard) ------------------------------------------------

    /**
     * True iff {@code messageHash} is in the replay guard with {@code now < expiresAt}.
     *
     * @param messageHash the hash of a received message
     * @param now the current time
     * @return {@code true} if a message with this hash was accepted and its guard has not expired
     */
    boolean isReplay(String messageHash, Instant now);

    /**
     * Atomically records {@code message.messageHash()} in the replay guard until {@code guardExpiresAt}
     * and appends {@code message} to its recipient's inbox. Returns false and stores nothing if the hash
     * is already guarded with {@code message.receivedAt() < expiresAt} (an expired guard entry counts
     * as absent and is replaced). The guard survives restarts and is shared by every node instance on
     * the store.
     *
     * @param message the received message, already verified and decrypted
     * @param guardExpiresAt until when a message with the same hash is refused as a replay
     * @return {@code true} if the message was stored, {@code false} if it is a replay
     */
    boolean acceptInbound(InboxMessage message, Instant guardExpiresAt);

    /**
     * The inbox of {@code recipient}, oldest first (by receipt, then insertion).
     *
     * @param recipient the local user's address
     * @return the received messages, possibly empty
     */
    List<InboxMessage> inbox(OpenmsgAddress recipient);

    // ---- housekeeping -------------------------------------------------------------------------------

    /**
     * Deletes pass codes, pending handshakes and replay-guard entries whose {@code expiresAt <= now};
     * returns how many rows were deleted. Inbox and sent messages are kept.
     *
     * @param now the current time; entries expiring at or before it are deleted
     * @return the number of rows deleted
     */
    int purgeExpired(Instant now);
}
