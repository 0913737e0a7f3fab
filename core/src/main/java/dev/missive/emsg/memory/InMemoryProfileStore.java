package dev.missive.emsg.memory;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.spi.Profile;
import dev.missive.emsg.spi.ProfileStore;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ProfileStore} in memory. Atomic per user through {@link ConcurrentHashMap#compute}. */
public final class InMemoryProfileStore implements ProfileStore {

    private final ConcurrentHashMap<EmsgAddress, Profile> profiles = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<EmsgAddress, Set<EmsgAddress>> contacts = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryProfileStore() {}

    @Override
    public Optional<Profile> find(EmsgAddress owner) {
        return Optional.ofNullable(profiles.get(owner));
    }

    @Override
    public void put(Profile profile) {
        profiles.put(profile.owner(), profile);
    }

    @Override
    public boolean addContact(EmsgAddress owner, EmsgAddress contact, Instant at) {
        boolean[] added = new boolean[1];
        contacts.compute(owner, (k, set) -> {
            Set<EmsgAddress> s = set == null ? new LinkedHashSet<>() : set;
            added[0] = s.add(contact);
            return s;
        });
        return added[0];
    }

    @Override
    public boolean isContact(EmsgAddress owner, EmsgAddress other) {
        boolean[] found = new boolean[1];
        contacts.computeIfPresent(owner, (k, set) -> {
            found[0] = set.contains(other);
            return set;
        });
        return found[0];
    }

    @Override
    public List<EmsgAddress> contacts(EmsgAddress owner) {
        Object[] out = new Object[] {List.of()};
        contacts.computeIfPresent(owner, (k, set) -> {
            out[0] = List.copyOf(set);
            return set;
        });
        @SuppressWarnings("unchecked")
        List<EmsgAddress> list = (List<EmsgAddress>) out[0];
        return list;
    }
}
