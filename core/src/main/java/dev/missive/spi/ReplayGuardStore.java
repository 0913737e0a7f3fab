package dev.missive.spi;

import java.time.Instant;

/**
 * Remembers values that may be used only once (message hashes, nonces, request identifiers) until
 * they expire. Every protocol that must refuse replays records its single-use values here (Openmsg
 * records the hashes of the messages it accepts, scope {@code openmsg.message_hash}); one store, and
 * in a database one table, serves them all.
 *
 * <p>Entries live in independent <em>scopes</em> (for example one per protocol and purpose), so
 * the same key in two scopes is two entries. An entry whose expiry is at or before the caller's
 * {@code now} counts as absent. Expiry is data, not a timer: the store never looks at a clock, it
 * compares against the {@code now} it is given, and {@link #purgeExpired(Instant)} reclaims space
 * when the host decides to.
 *
 * <p>Implementations are safe for concurrent use, and {@link #recordIfAbsent} is atomic: when
 * several callers (threads, or node instances sharing a database) record the same live key at the
 * same time, exactly one of them gets {@code true}. A store that must record a value atomically with
 * its own write holds the guard's implementation for its medium and records under its own lock or in
 * its own transaction ({@code JdbcReplayGuardStore} takes the caller's {@code Connection}).
 */
public interface ReplayGuardStore {

    /** Longest scope an implementation must accept, in characters. */
    int MAX_SCOPE_LENGTH = 64;

    /** Longest key an implementation must accept, in characters (a hex SHA-512 fits). */
    int MAX_KEY_LENGTH = 256;

    /**
     * Records {@code key} in {@code scope} until {@code expiresAt}, unless a live entry for it
     * already exists.
     *
     * @param scope the namespace of the key; non-empty, at most {@link #MAX_SCOPE_LENGTH} characters,
     *     no NUL
     * @param key the single-use value; non-empty, at most {@link #MAX_KEY_LENGTH} characters, no NUL
     * @param expiresAt when the entry stops guarding; must be after {@code now}
     * @param now the caller's current time, used to decide whether an existing entry has expired
     * @return {@code true} iff this call recorded the key (it was absent or had expired);
     *     {@code false} if a live entry already existed, in which case nothing changes
     * @throws IllegalArgumentException if scope or key are empty, too long or contain NUL, or
     *     {@code expiresAt} is not after {@code now}
     */
    boolean recordIfAbsent(String scope, String key, Instant expiresAt, Instant now);

    /**
     * Whether a live entry for {@code key} exists in {@code scope}: one recorded with an expiry
     * after {@code now}. Changes nothing. For an early refusal before expensive work; the decision
     * that counts is still {@link #recordIfAbsent}'s answer.
     *
     * @param scope the namespace of the key
     * @param key the single-use value
     * @param now the caller's current time
     * @return {@code true} if a live entry exists
     * @throws NullPointerException if any argument is null
     */
    boolean isRecorded(String scope, String key, Instant now);

    /**
     * Deletes every entry whose expiry is at or before {@code now}.
     *
     * @param now the caller's current time
     * @return the number of entries deleted
     */
    int purgeExpired(Instant now);

    /**
     * Checks the arguments of {@link #recordIfAbsent} the same way for every implementation, so
     * memory and database stores refuse exactly the same input.
     *
     * @param scope the scope to check
     * @param key the key to check
     * @param expiresAt the expiry to check
     * @param now the time {@code expiresAt} must be after
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    static void checkRecordArguments(String scope, String key, Instant expiresAt, Instant now) {
        checkLength("scope", scope, MAX_SCOPE_LENGTH);
        checkLength("key", key, MAX_KEY_LENGTH);
        if (expiresAt == null || now == null) {
            throw new NullPointerException(expiresAt == null ? "expiresAt" : "now");
        }
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("expiresAt must be after now");
        }
    }

    private static void checkLength(String name, String value, int max) {
        if (value == null) {
            throw new NullPointerException(name);
        }
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(name + " must have 1 to " + max + " characters");
        }
        // PostgreSQL text cannot hold NUL; refusing it everywhere keeps all stores alike.
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " must not contain NUL");
        }
    }
}
