package dev.missive.osms.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.osms.model.UserId;
import dev.missive.osms.model.Username;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link UserStore} must have: memory in core, SQLite and PostgreSQL in
 * storage-jdbc, each through a subclass supplying {@link #newStore()}.
 */
public abstract class UserStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-02T00:00:00Z");

    private UserStore store;

    /** @return an empty store; called before each test */
    protected abstract UserStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static UserId id(int n) {
        return new UserId(String.format("%032x", n));
    }

    private static UserRecord user(int n, String name) {
        return new UserRecord(id(n), Username.of(name), TestKeys.key(n), T0, T0);
    }

    @Test
    void aCreatedUserIsFoundByIdNameAndFingerprint() {
        UserRecord alice = user(1, "alice");
        assertThat(store.create(alice)).isEqualTo(UserStore.Outcome.DONE);
        assertThat(store.findById(id(1))).contains(alice);
        assertThat(store.findByUsername(Username.of("ALICE"))).contains(alice);
        assertThat(store.findByFingerprint(TestKeys.key(1).fingerprintHex())).contains(alice);
        assertThat(store.findById(id(2))).isEmpty();
        assertThat(store.findByUsername(Username.of("bob"))).isEmpty();
        assertThat(store.findByFingerprint(TestKeys.key(2).fingerprintHex())).isEmpty();
    }

    @Test
    void usernamesAndKeysAreUnique() {
        store.create(user(1, "alice"));
        assertThat(store.create(new UserRecord(id(2), Username.of("Alice"), TestKeys.key(2), T0, T0)))
                .isEqualTo(UserStore.Outcome.USERNAME_TAKEN);
        assertThat(store.create(new UserRecord(id(3), Username.of("carol"), TestKeys.key(1), T0, T0)))
                .isEqualTo(UserStore.Outcome.KEY_IN_USE);
        assertThat(store.findById(id(2))).isEmpty();
        assertThat(store.findById(id(3))).isEmpty();
        assertThat(store.findByUsername(Username.of("carol"))).isEmpty();
    }

    @Test
    void renameKeepsTheKeyAndFreesTheOldName() {
        store.create(user(1, "alice"));
        store.create(user(2, "bob"));
        assertThat(store.rename(id(1), Username.of("Alicia"), T1)).isEqualTo(UserStore.Outcome.DONE);
        UserRecord renamed = store.findById(id(1)).orElseThrow();
        assertThat(renamed.username()).isEqualTo(Username.of("alicia"));
        assertThat(renamed.publicKey()).isEqualTo(TestKeys.key(1));
        assertThat(renamed.createdAt()).isEqualTo(T0);
        assertThat(renamed.updatedAt()).isEqualTo(T1);
        assertThat(store.findByUsername(Username.of("alice"))).isEmpty();
        assertThat(store.findByUsername(Username.of("alicia"))).contains(renamed);
        assertThat(store.findByFingerprint(TestKeys.key(1).fingerprintHex())).contains(renamed);

        assertThat(store.rename(id(2), Username.of("alicia"), T1)).isEqualTo(UserStore.Outcome.USERNAME_TAKEN);
        assertThat(store.rename(id(2), Username.of("alice"), T1)).isEqualTo(UserStore.Outcome.DONE);
        assertThat(store.rename(id(2), Username.of("alice"), T1)).isEqualTo(UserStore.Outcome.DONE);
        assertThat(store.rename(id(9), Username.of("zed"), T1)).isEqualTo(UserStore.Outcome.NOT_FOUND);
    }

    @Test
    void setKeyReplacesTheKeyAndItsFingerprintIndex() {
        store.create(user(1, "alice"));
        store.create(user(2, "bob"));
        assertThat(store.setKey(id(1), TestKeys.key(5), T1)).isEqualTo(UserStore.Outcome.DONE);
        assertThat(store.findById(id(1)).orElseThrow().publicKey()).isEqualTo(TestKeys.key(5));
        assertThat(store.findByFingerprint(TestKeys.key(1).fingerprintHex())).isEmpty();
        assertThat(store.findByFingerprint(TestKeys.key(5).fingerprintHex()))
                .map(UserRecord::id)
                .contains(id(1));
        assertThat(store.setKey(id(1), TestKeys.key(2), T1)).isEqualTo(UserStore.Outcome.KEY_IN_USE);
        assertThat(store.setKey(id(1), TestKeys.key(5), T1)).isEqualTo(UserStore.Outcome.DONE);
        assertThat(store.setKey(id(9), TestKeys.key(9), T1)).isEqualTo(UserStore.Outcome.NOT_FOUND);
        // the freed key may be taken by someone else
        assertThat(store.create(new UserRecord(id(3), Username.of("carol"), TestKeys.key(1), T0, T0)))
                .isEqualTo(UserStore.Outcome.DONE);
    }

    @Test
    void consentIsDirectedAndIdempotent() {
        store.create(user(1, "alice"));
        store.create(user(2, "bob"));
        assertThat(store.hasConsent(id(1), id(2))).isFalse();
        store.grantConsent(id(1), id(2), T0);
        store.grantConsent(id(1), id(2), T1);
        assertThat(store.hasConsent(id(1), id(2))).isTrue();
        assertThat(store.hasConsent(id(2), id(1))).isFalse();
        // consent follows the account through a rename
        store.rename(id(2), Username.of("robert"), T1);
        assertThat(store.hasConsent(id(1), id(2))).isTrue();
    }

    @Test
    void concurrentCreatesOfOneUsernameLetExactlyOneWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<UserStore.Outcome>> tasks = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                int n = i;
                tasks.add(() -> store.create(new UserRecord(id(n), Username.of("same"), TestKeys.key(n), T0, T0)));
            }
            int won = 0;
            for (Future<UserStore.Outcome> f : pool.invokeAll(tasks)) {
                if (f.get() == UserStore.Outcome.DONE) {
                    won++;
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
