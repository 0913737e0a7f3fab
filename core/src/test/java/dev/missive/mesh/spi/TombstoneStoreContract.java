package dev.missive.mesh.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.RequestPurpose;
import dev.missive.mesh.model.SignedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link TombstoneStore} must have (memory in core, SQLite and PostgreSQL in storage-jdbc). */
public abstract class TombstoneStoreContract {

    /** A fixed instant the tests count from. */
    protected static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private TombstoneStore store;

    /** Returns an empty store; called before each test. */
    protected abstract TombstoneStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static PacketHash hash(char fill) {
        return new PacketHash(String.valueOf(fill).repeat(64));
    }

    private static Tombstone expired(PacketHash hash, Instant until) {
        return new Tombstone(hash, TombstoneReason.EXPIRED, "bob", T0, until, Optional.empty());
    }

    @Test
    void discardTombstoneKeepsItsProof() {
        SignedRequest proof = new SignedRequest(
                RequestPurpose.DISCARD,
                "https://b.example",
                "bob-key",
                T0.minusMillis(5),
                "0123456789abcdef0123456789abcdef",
                List.of(hash('a'), hash('b')),
                "c2lnbmF0dXJl");
        Tombstone tombstone = new Tombstone(
                hash('a'), TombstoneReason.DISCARDED, "bob-key", T0, T0.plus(Duration.ofDays(8)), Optional.of(proof));
        assertThat(store.add(tombstone, T0)).isTrue();
        assertThat(store.find(List.of(hash('a'), hash('c')), T0)).containsExactly(tombstone);
        assertThat(store.present(List.of(hash('a'), hash('c')), T0)).containsExactly(hash('a'));
    }

    @Test
    void liveTombstoneIsNotReplacedAndExpiredOneCountsAsAbsent() {
        Tombstone first = expired(hash('a'), T0.plusSeconds(10));
        assertThat(store.add(first, T0)).isTrue();
        assertThat(store.add(expired(hash('a'), T0.plusSeconds(99)), T0)).isFalse();
        assertThat(store.find(List.of(hash('a')), T0)).containsExactly(first);
        assertThat(store.present(List.of(hash('a')), T0.plusSeconds(10))).isEmpty();
        Tombstone second = expired(hash('a'), T0.plusSeconds(99));
        assertThat(store.add(second, T0.plusSeconds(10))).isTrue();
        assertThat(store.find(List.of(hash('a')), T0.plusSeconds(10))).containsExactly(second);
    }

    @Test
    void purgeRemovesOnlyExpired() {
        store.add(expired(hash('a'), T0.plusSeconds(10)), T0);
        store.add(expired(hash('b'), T0.plusSeconds(20)), T0);
        assertThat(store.purgeExpired(T0.plusSeconds(10))).isEqualTo(1);
        assertThat(store.present(List.of(hash('a'), hash('b')), T0)).containsExactly(hash('b'));
        assertThat(store.purgeExpired(T0.plusSeconds(10))).isZero();
    }
}
