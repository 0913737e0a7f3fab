package dev.missive.osms.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.osms.model.SessionId;
import dev.missive.osms.model.UserId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link SessionStore} must have. */
public abstract class SessionStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private SessionStore store;

    /** @return an empty store; called before each test */
    protected abstract SessionStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static SessionId id(int n) {
        return new SessionId(String.format("%064x", n));
    }

    private static SessionRecord handshake(int n, Instant expiresAt) {
        return new SessionRecord(id(n), SessionState.HANDSHAKE, Optional.empty(), T0, expiresAt);
    }

    @Test
    void insertFindAndUpdate() {
        SessionRecord pending = handshake(1, T0.plusSeconds(120));
        assertThat(store.insert(pending)).isTrue();
        assertThat(store.insert(handshake(1, T0.plusSeconds(5)))).isFalse();
        assertThat(store.find(id(1))).contains(pending);
        assertThat(store.find(id(2))).isEmpty();

        UserId user = new UserId("0123456789abcdef0123456789abcdef");
        SessionRecord established =
                new SessionRecord(id(1), SessionState.ESTABLISHED, Optional.of(user), T0, T0.plusSeconds(1800));
        assertThat(store.update(established)).isTrue();
        assertThat(store.find(id(1))).contains(established);
        assertThat(store.update(handshake(3, T0))).isFalse();
        assertThat(store.find(id(3))).isEmpty();
    }

    @Test
    void deleteExpiredRemovesOnlySessionsAtOrPastTheirExpiry() {
        store.insert(handshake(1, T0.plusSeconds(10)));
        store.insert(handshake(2, T0.plusSeconds(20)));
        store.insert(handshake(3, T0.plusSeconds(30)));
        assertThat(store.deleteExpired(T0.plusSeconds(20))).isEqualTo(2);
        assertThat(store.find(id(1))).isEmpty();
        assertThat(store.find(id(2))).isEmpty();
        assertThat(store.find(id(3))).isPresent();
        assertThat(store.deleteExpired(T0.plusSeconds(20))).isZero();
    }
}
