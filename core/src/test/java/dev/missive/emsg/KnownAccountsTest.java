package dev.missive.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.client.EmsgClient;
import dev.missive.emsg.memory.InMemoryAccountStore;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgPublicKey;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.spi.Account;
import dev.missive.emsg.spi.AccountStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownAccountsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final EmsgAddress ALICE = new EmsgAddress("alice", "a.test");

    /** An account store that counts its reads. */
    private static final class CountingStore implements AccountStore {
        final InMemoryAccountStore store = new InMemoryAccountStore();
        int finds;

        @Override
        public boolean create(Account account) {
            return store.create(account);
        }

        @Override
        public Optional<Account> find(EmsgAddress address) {
            finds++;
            return store.find(address);
        }

        @Override
        public boolean addKey(EmsgAddress address, EmsgPublicKey key) {
            return store.addKey(address, key);
        }

        @Override
        public Optional<EmsgPublicKey> pinnedDomainKey(String domain) {
            return store.pinnedDomainKey(domain);
        }

        @Override
        public boolean pinDomainKey(String domain, EmsgPublicKey key, Instant pinnedAt) {
            return store.pinDomainKey(domain, key, pinnedAt);
        }
    }

    private static EmsgPublicKey key(String kid, int seed) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) seed;
        return EmsgSigningKey.ed25519(kid, Ed25519PrivateKey.fromSeed(bytes)).publicKey();
    }

    @Test
    void anAccountIsReadOnceThenRemembered() {
        CountingStore store = new CountingStore();
        store.create(new Account(ALICE, List.of(key("k1", 1)), T0));
        KnownAccounts known = new KnownAccounts(store);

        assertThat(known.find(ALICE)).isPresent();
        assertThat(known.find(ALICE)).isPresent();
        assertThat(known.findWithKey(ALICE, "k1")).isPresent();

        assertThat(store.finds).isEqualTo(1);
    }

    @Test
    void aMissingAccountIsNotRememberedSoOneCreatedLaterIsFound() {
        CountingStore store = new CountingStore();
        KnownAccounts known = new KnownAccounts(store);

        assertThat(known.find(ALICE)).isEmpty();
        store.create(new Account(ALICE, List.of(key("k1", 1)), T0)); // e.g. by another instance

        assertThat(known.find(ALICE)).isPresent();
        assertThat(store.finds).isEqualTo(2);
    }

    @Test
    void aKeyIdTheRememberedAccountLacksIsLookedUpAgain() {
        CountingStore store = new CountingStore();
        store.create(new Account(ALICE, List.of(key("k1", 1)), T0));
        KnownAccounts known = new KnownAccounts(store);
        known.find(ALICE);

        store.addKey(ALICE, key("k2", 2)); // e.g. by another instance

        assertThat(known.findWithKey(ALICE, "k2").flatMap(a -> a.key("k2"))).isPresent();
        assertThat(known.findWithKey(ALICE, "k2")).isPresent();
        assertThat(store.finds).isEqualTo(2);
        // An id the account still lacks is read each time, and stays missing.
        assertThat(known.findWithKey(ALICE, "k9").flatMap(a -> a.key("k9"))).isEmpty();
        assertThat(store.finds).isEqualTo(3);
    }

    @Test
    void theMemoryStartsOverWhenFull() {
        CountingStore store = new CountingStore();
        KnownAccounts known = new KnownAccounts(store);
        EmsgPublicKey key = key("k1", 1);
        for (int i = 0; i <= KnownAccounts.LIMIT; i++) {
            EmsgAddress address = new EmsgAddress("u" + i, "a.test");
            store.create(new Account(address, List.of(key), T0));
            known.find(address);
        }
        int reads = store.finds;

        known.find(new EmsgAddress("u" + KnownAccounts.LIMIT, "a.test"));
        assertThat(store.finds).isEqualTo(reads);
        known.find(new EmsgAddress("u0", "a.test"));
        assertThat(store.finds).isEqualTo(reads + 1);
    }

    @Test
    void aKeyAddedBehindTheServersBackSignsAtOnce() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        TestNetwork.User alice = a.user("alice");
        TestNetwork.User bob = a.user("bob");
        assertThat(alice.send(alice.client.chat(bob.address(), "with k1"))).isInstanceOf(ClientReply.Ack.class);

        EmsgSigningKey second = EmsgSigningKey.ed25519("k2", net.key());
        a.accounts.addKey(alice.address(), second.publicKey()); // another instance sharing the store
        EmsgClient withSecond = new EmsgClient(alice.address(), second, net.clock, net.random);

        assertThat(alice.send(withSecond.chat(bob.address(), "with k2"))).isInstanceOf(ClientReply.Ack.class);
        assertThat(bob.inbox()).hasSize(2);

        EmsgClient unknownKey =
                new EmsgClient(alice.address(), EmsgSigningKey.ed25519("k3", net.key()), net.clock, net.random);
        assertThat(alice.send(unknownKey.chat(bob.address(), "with k3")))
                .isInstanceOfSatisfying(
                        ClientReply.Error.class,
                        e -> assertThat(e.error().error()).isEqualTo(EmsgError.BAD_SIGNATURE));
    }

    @Test
    void aRecipientRegisteredBehindTheServersBackIsDeliveredTo() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        TestNetwork.User alice = a.user("alice");
        EmsgAddress carol = new EmsgAddress("carol", "a.test");

        assertThat(alice.send(alice.client.chat(carol, "too early")))
                .isInstanceOfSatisfying(
                        ClientReply.Error.class,
                        e -> assertThat(e.error().error()).isEqualTo(EmsgError.NOT_FOUND));
        a.accounts.create(new Account(carol, List.of(key("k1", 7)), T0)); // another instance

        assertThat(alice.send(alice.client.chat(carol, "now"))).isInstanceOf(ClientReply.Ack.class);
        assertThat(a.inbox.list(carol, 0, 10)).hasSize(1);
    }
}
