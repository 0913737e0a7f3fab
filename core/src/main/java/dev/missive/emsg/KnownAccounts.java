package dev.missive.emsg;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.spi.Account;
import dev.missive.emsg.spi.AccountStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local accounts this server has read, so that a message does not cost a store read for its
 * sender's key or for its recipient's existence. What is remembered stays true: an
 * {@link AccountStore} never deletes an account and only ever adds keys, on this instance or on
 * another one sharing the store. So the store is read only for what has not been seen: an unknown
 * address (never remembered), or a key id the remembered account lacks (the key may have been added
 * since). A way to revoke keys or close accounts would have to reach this memory too.
 */
final class KnownAccounts {

    /** Most accounts remembered; when full, the memory starts over, as the remote key cache does. */
    static final int LIMIT = 10_000;

    private final AccountStore store;
    private final Map<EmsgAddress, Account> known = new ConcurrentHashMap<>();

    KnownAccounts(AccountStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The account at {@code address}, or empty if there is none. */
    Optional<Account> find(EmsgAddress address) {
        Account account = known.get(address);
        return account != null ? Optional.of(account) : read(address);
    }

    /** The account at {@code address}, read again if the remembered one has no key {@code kid}. */
    Optional<Account> findWithKey(EmsgAddress address, String kid) {
        Account account = known.get(address);
        return account != null && account.key(kid).isPresent() ? Optional.of(account) : read(address);
    }

    private Optional<Account> read(EmsgAddress address) {
        Optional<Account> account = store.find(address);
        account.ifPresent(found -> {
            if (known.size() >= LIMIT && !known.containsKey(address)) {
                known.clear();
            }
            known.put(address, found);
        });
        return account;
    }
}
