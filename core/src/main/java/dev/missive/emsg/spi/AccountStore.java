package dev.missive.emsg.spi;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgPublicKey;
import java.time.Instant;
import java.util.Optional;

/**
 * Accounts and keys: the local accounts with their public keys, and the domain keys of peer servers
 * pinned on first use ({@code docs/emsg.md}, "Federation"). Safe for concurrent use; each method is
 * one atomic step.
 *
 * <p>An account is never removed and its keys are only ever added: the engine remembers the
 * accounts it has read ({@code docs/emsg.md}, "Keys of users"), so an account or key removed behind
 * its back would still be accepted until the server restarts.
 */
public interface AccountStore {

    /**
     * Creates an account.
     *
     * @param account the new account
     * @return true if created; false if an account with this address exists (nothing changes)
     */
    boolean create(Account account);

    /**
     * Finds an account. Addresses compare as {@link EmsgAddress#equals}: local part exact, domain lower-cased.
     *
     * @param address the address
     * @return the account, or empty
     */
    Optional<Account> find(EmsgAddress address);

    /**
     * Adds a key to an account.
     *
     * @param address the account
     * @param key     the new key
     * @return true if added; false if there is no such account or it has a key with this id
     */
    boolean addKey(EmsgAddress address, EmsgPublicKey key);

    /**
     * The pinned domain key of a peer domain.
     *
     * @param domain a lower-case domain
     * @return the key pinned for it, or empty
     */
    Optional<EmsgPublicKey> pinnedDomainKey(String domain);

    /**
     * Pins a peer domain's key unless one is already pinned.
     *
     * @param domain   a lower-case domain
     * @param key      its domain key
     * @param pinnedAt when
     * @return true if pinned; false if a key was already pinned for the domain (nothing changes)
     */
    boolean pinDomainKey(String domain, EmsgPublicKey key, Instant pinnedAt);
}
