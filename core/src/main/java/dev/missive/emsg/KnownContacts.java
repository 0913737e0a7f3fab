package dev.missive.emsg;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.spi.ProfileStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contacts this server has seen recorded, so that a one-to-one chat does not cost a store read
 * to learn that its recipient already is its sender's contact. A {@link ProfileStore} never removes
 * a contact, so what is remembered stays true, whichever instance sharing the store recorded it.
 */
final class KnownContacts {

    /** Most pairs remembered; when full, the memory starts over. */
    static final int LIMIT = 100_000;

    private record Pair(EmsgAddress owner, EmsgAddress contact) {}

    private final ProfileStore store;
    private final Set<Pair> known = ConcurrentHashMap.newKeySet();

    KnownContacts(ProfileStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Makes {@code contact} a contact of {@code owner}; a store write only if it is not one yet. */
    void ensure(EmsgAddress owner, EmsgAddress contact, Instant at) {
        Pair pair = new Pair(owner, contact);
        if (known.contains(pair)) {
            return;
        }
        if (!store.isContact(owner, contact)) {
            store.addContact(owner, contact, at);
        }
        if (known.size() >= LIMIT) {
            known.clear();
        }
        known.add(pair);
    }
}
