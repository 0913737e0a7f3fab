package dev.missive.emsg.memory;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgPublicKey;
import dev.missive.emsg.spi.Account;
import dev.missive.emsg.spi.AccountStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AccountStore} in memory (tests, ephemeral servers). Atomic per key through {@link ConcurrentHashMap}. */
public final class InMemoryAccountStore implements AccountStore {

    private final ConcurrentHashMap<EmsgAddress, Account> accounts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, EmsgPublicKey> domainKeys = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryAccountStore() {}

    @Override
    public boolean create(Account account) {
        return accounts.putIfAbsent(account.address(), account) == null;
    }

    @Override
    public Optional<Account> find(EmsgAddress address) {
        return Optional.ofNullable(accounts.get(address));
    }

    @Override
    public boolean addKey(EmsgAddress address, EmsgPublicKey key) {
        boolean[] added = new boolean[1];
        accounts.computeIfPresent(address, (a, account) -> {
            if (account.key(key.kid()).isPresent()) {
                return account;
            }
            List<EmsgPublicKey> keys = new ArrayList<>(account.keys());
            keys.add(key);
            added[0] = true;
            return new Account(account.address(), keys, account.createdAt());
        });
        return added[0];
    }

    @Override
    public Optional<EmsgPublicKey> pinnedDomainKey(String domain) {
        return Optional.ofNullable(domainKeys.get(domain));
    }

    @Override
    public boolean pinDomainKey(String domain, EmsgPublicKey key, Instant pinnedAt) {
        return domainKeys.putIfAbsent(domain, key) == null;
    }
}
