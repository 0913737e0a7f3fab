package dev.missive.osms.spi;

import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.UserId;
import dev.missive.osms.model.Username;
import java.time.Instant;
import java.util.Optional;

/**
 * Accounts and the consents between them. Usernames are unique, and so are key fingerprints (a
 * plain {@code POST /create_session} finds the user by the key its AKE proved). Each method is one
 * transaction.
 */
public interface UserStore {

    /** The outcome of a change. */
    enum Outcome {
        /** Stored. */
        DONE,
        /** No account with that id. */
        NOT_FOUND,
        /** Another account has that username. */
        USERNAME_TAKEN,
        /** Another account has that key. */
        KEY_IN_USE
    }

    /**
     * Creates an account unless its username or key is taken.
     *
     * @param user the account
     * @return {@link Outcome#DONE}, {@link Outcome#USERNAME_TAKEN} or {@link Outcome#KEY_IN_USE}
     */
    Outcome create(UserRecord user);

    /**
     * Finds an account by id.
     *
     * @param id the id
     * @return the account
     */
    Optional<UserRecord> findById(UserId id);

    /**
     * Finds an account by its current username.
     *
     * @param username the username
     * @return the account
     */
    Optional<UserRecord> findByUsername(Username username);

    /**
     * Finds the account holding a key.
     *
     * @param fingerprintHex the key's OTR fingerprint, 40 lower-case hex characters
     * @return the account
     */
    Optional<UserRecord> findByFingerprint(String fingerprintHex);

    /**
     * Renames an account; its key, consents and queued items stay with it.
     *
     * @param id       the account
     * @param username the new username
     * @param at       the time of the change
     * @return {@link Outcome#DONE}, {@link Outcome#NOT_FOUND} or {@link Outcome#USERNAME_TAKEN}
     *     (renaming to the current name is {@code DONE})
     */
    Outcome rename(UserId id, Username username, Instant at);

    /**
     * Replaces an account's key.
     *
     * @param id  the account
     * @param key the new key
     * @param at  the time of the change
     * @return {@link Outcome#DONE}, {@link Outcome#NOT_FOUND} or {@link Outcome#KEY_IN_USE}
     */
    Outcome setKey(UserId id, OtrPublicKey key, Instant at);

    /**
     * Records that {@code from} accepts data messages from {@code to} (idempotent).
     *
     * @param from the user consenting
     * @param to   the peer
     * @param at   when
     */
    void grantConsent(UserId from, UserId to, Instant at);

    /**
     * Whether {@code from} consented to {@code to}.
     *
     * @param from the user who would have consented
     * @param to   the peer
     * @return true if a consent was granted
     */
    boolean hasConsent(UserId from, UserId to);
}
