package dev.missive.emsg.spi;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A local account: its address and the public keys its messages are verified with.
 *
 * @param address   the address, on this server's domain
 * @param keys      the account's keys, at least one, distinct key ids, in the order they were added
 * @param createdAt when the account was created
 */
public record Account(EmsgAddress address, List<EmsgPublicKey> keys, Instant createdAt) {

    /** Checks the components and copies the list. */
    public Account {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(createdAt, "createdAt");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an account has at least one key");
        }
        if (keys.stream().map(EmsgPublicKey::kid).distinct().count() != keys.size()) {
            throw new IllegalArgumentException("key ids must be distinct");
        }
    }

    /**
     * The key with this id.
     *
     * @param kid a key id
     * @return the key, or empty
     */
    public Optional<EmsgPublicKey> key(String kid) {
        return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
    }
}
