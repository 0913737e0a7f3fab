package dev.missive.osms.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ServerKeyStore} must have. */
public abstract class ServerKeyStoreContract {

    private ServerKeyStore store;

    /** @return an empty store; called before each test */
    protected abstract ServerKeyStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void theFirstSavedKeyStays() {
        assertThat(store.load()).isEmpty();
        ServerKeyRecord first =
                new ServerKeyRecord(new byte[] {1, 2, 3}, TestKeys.key(1), Instant.parse("2026-01-01T00:00:00Z"));
        ServerKeyRecord second =
                new ServerKeyRecord(new byte[] {4, 5}, TestKeys.key(2), Instant.parse("2026-01-02T00:00:00Z"));

        ServerKeyRecord kept = store.saveIfAbsent(first);
        assertThat(kept.revealPkcs8()).containsExactly(1, 2, 3);
        assertThat(store.saveIfAbsent(second).publicKey()).isEqualTo(TestKeys.key(1));

        ServerKeyRecord loaded = store.load().orElseThrow();
        assertThat(loaded.revealPkcs8()).containsExactly(1, 2, 3);
        assertThat(loaded.publicKey()).isEqualTo(TestKeys.key(1));
        assertThat(loaded.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(loaded.toString()).doesNotContain("[1, 2, 3]");
    }
}
