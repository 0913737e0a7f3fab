package dev.missive.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.emsg.memory.InMemoryProfileStore;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.spi.Profile;
import dev.missive.emsg.spi.ProfileStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownContactsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final EmsgAddress ALICE = new EmsgAddress("alice", "a.test");
    private static final EmsgAddress BOB = new EmsgAddress("bob", "b.test");

    /** A profile store that counts its contact reads and writes. */
    private static final class CountingStore implements ProfileStore {
        final InMemoryProfileStore store = new InMemoryProfileStore();
        int reads;
        int writes;

        @Override
        public Optional<Profile> find(EmsgAddress owner) {
            return store.find(owner);
        }

        @Override
        public void put(Profile profile) {
            store.put(profile);
        }

        @Override
        public boolean addContact(EmsgAddress owner, EmsgAddress contact, Instant at) {
            writes++;
            return store.addContact(owner, contact, at);
        }

        @Override
        public boolean isContact(EmsgAddress owner, EmsgAddress other) {
            reads++;
            return store.isContact(owner, other);
        }

        @Override
        public List<EmsgAddress> contacts(EmsgAddress owner) {
            return store.contacts(owner);
        }
    }

    @Test
    void aNewContactIsWrittenOnceThenRemembered() {
        CountingStore store = new CountingStore();
        KnownContacts known = new KnownContacts(store);

        known.ensure(ALICE, BOB, T0);
        known.ensure(ALICE, BOB, T0);

        assertThat(store.isContact(ALICE, BOB)).isTrue();
        assertThat(store.reads).isEqualTo(2); // one by ensure, one by this test
        assertThat(store.writes).isEqualTo(1);
    }

    @Test
    void aContactRecordedElsewhereIsReadNotWritten() {
        CountingStore store = new CountingStore();
        store.addContact(ALICE, BOB, T0); // e.g. by another instance
        KnownContacts known = new KnownContacts(store);

        known.ensure(ALICE, BOB, T0);
        known.ensure(ALICE, BOB, T0);

        assertThat(store.reads).isEqualTo(1);
        assertThat(store.writes).isEqualTo(1);
    }

    @Test
    void contactsAreOneWayAndPerPair() {
        CountingStore store = new CountingStore();
        KnownContacts known = new KnownContacts(store);

        known.ensure(ALICE, BOB, T0);
        known.ensure(BOB, ALICE, T0);

        assertThat(store.writes).isEqualTo(2);
        assertThat(store.contacts(ALICE)).containsExactly(BOB);
        assertThat(store.contacts(BOB)).containsExactly(ALICE);
    }
}
