package dev.missive.emsg.spi;

import static dev.missive.emsg.spi.StoreFixtures.T0;
import static dev.missive.emsg.spi.StoreFixtures.addr;
import static dev.missive.emsg.spi.StoreFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AccountStore} must have: memory in core, SQLite and PostgreSQL in
 * storage-jdbc through one parameterized subclass.
 */
public abstract class AccountStoreContract {

    private AccountStore store;

    /** Returns an empty store; called before each test. */
    protected abstract AccountStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void createdAccountIsFoundByAddressWithItsKeysOnce() {
        Account alice = new Account(addr("alice#a.test"), List.of(key("k1", 1)), T0);
        assertThat(store.create(alice)).isTrue();
        assertThat(store.create(new Account(addr("alice#a.test"), List.of(key("k9", 9)), T0)))
                .isFalse();
        assertThat(store.find(addr("alice#A.TEST"))).contains(alice);
        assertThat(store.find(addr("Alice#a.test"))).isEmpty();
        assertThat(store.find(addr("bob#a.test"))).isEmpty();
    }

    @Test
    void keysAreAddedInOrderWithDistinctIds() {
        store.create(new Account(addr("alice#a.test"), List.of(key("k1", 1)), T0));
        assertThat(store.addKey(addr("alice#a.test"), key("k2", 2))).isTrue();
        assertThat(store.addKey(addr("alice#a.test"), key("k2", 3))).isFalse();
        assertThat(store.addKey(addr("nobody#a.test"), key("k2", 2))).isFalse();
        Account found = store.find(addr("alice#a.test")).orElseThrow();
        assertThat(found.keys()).containsExactly(key("k1", 1), key("k2", 2));
        assertThat(found.key("k2")).contains(key("k2", 2));
        assertThat(found.createdAt()).isEqualTo(T0);
    }

    @Test
    void theFirstPinnedDomainKeyStays() {
        assertThat(store.pinnedDomainKey("b.test")).isEmpty();
        assertThat(store.pinDomainKey("b.test", key("d1", 1), T0)).isTrue();
        assertThat(store.pinDomainKey("b.test", key("d1", 2), T0)).isFalse();
        assertThat(store.pinnedDomainKey("b.test")).contains(key("d1", 1));
        assertThat(store.pinnedDomainKey("c.test")).isEmpty();
    }

    @Test
    void concurrentCreatesOfOneAddressLetExactlyOneWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                results.add(pool.submit(() ->
                        store.create(new Account(addr("race#a.test"), List.of(key("k" + n, n + 1)), T0))));
            }
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
