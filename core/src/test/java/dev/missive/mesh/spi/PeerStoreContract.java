package dev.missive.mesh.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.PeerStatus;
import dev.missive.mesh.model.ServerEntry;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link PeerStore} must have (memory in core, SQLite and PostgreSQL in storage-jdbc). */
public abstract class PeerStoreContract {

    /** A fixed instant the tests count from. */
    protected static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private PeerStore store;

    /** Returns an empty store; called before each test. */
    protected abstract PeerStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static PeerRecord peer(String url) {
        return new PeerRecord(url, Optional.empty(), 100, PeerStatus.ACTIVE, T0, Optional.empty());
    }

    private static PacketHash hash(char fill) {
        return new PacketHash(String.valueOf(fill).repeat(64));
    }

    @Test
    void addFindListAndUpdate() {
        assertThat(store.add(peer("https://b.example"))).isTrue();
        assertThat(store.add(peer("https://a.example"))).isTrue();
        assertThat(store.add(peer("https://a.example").withScore(5, PeerStatus.DROPPED)))
                .isFalse();
        assertThat(store.all()).extracting(PeerRecord::url).containsExactly("https://a.example", "https://b.example");

        ServerEntry entry = new ServerEntry("https://a.example", "a-key", T0.plusMillis(7), "sig");
        PeerRecord updated = peer("https://a.example")
                .withEntry(entry)
                .withScore(-25, PeerStatus.DROPPED)
                .withLastSync(T0.plusSeconds(3));
        assertThat(store.update(updated)).isTrue();
        assertThat(store.find("https://a.example")).contains(updated);
        assertThat(store.find("https://a.example").orElseThrow().key()).contains("a-key");
        assertThat(store.update(peer("https://unknown.example"))).isFalse();
        assertThat(store.find("https://unknown.example")).isEmpty();
    }

    @Test
    void availabilityChecksPerPeer() {
        store.add(peer("https://a.example"));
        store.addCheck(new AvailabilityCheck("https://a.example", hash('b'), T0));
        store.addCheck(new AvailabilityCheck("https://a.example", hash('a'), T0.plusSeconds(1)));
        store.addCheck(new AvailabilityCheck("https://a.example", hash('a'), T0.plusSeconds(2)));
        store.addCheck(new AvailabilityCheck("https://c.example", hash('c'), T0));
        assertThat(store.checks("https://a.example"))
                .containsExactly(
                        new AvailabilityCheck("https://a.example", hash('a'), T0.plusSeconds(2)),
                        new AvailabilityCheck("https://a.example", hash('b'), T0));
        assertThat(store.removeCheck("https://a.example", hash('a'))).isTrue();
        assertThat(store.removeCheck("https://a.example", hash('a'))).isFalse();
        assertThat(store.checks("https://a.example"))
                .extracting(AvailabilityCheck::hash)
                .containsExactly(hash('b'));
        assertThat(store.checks("https://nobody.example")).isEmpty();
    }
}
