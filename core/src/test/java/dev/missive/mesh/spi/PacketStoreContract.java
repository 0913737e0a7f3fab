package dev.missive.mesh.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MeshProfile;
import dev.missive.mesh.model.PacketHash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PacketStore} must have. Each implementation runs this suite through a
 * subclass that supplies {@link #newStore()}: memory in core, SQLite and PostgreSQL in storage-jdbc.
 */
public abstract class PacketStoreContract {

    /** A fixed instant the tests count from. */
    public static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private PacketStore store;

    private TombstoneStore tombstones;

    /** Returns an empty store; called before each test. */
    protected abstract PacketStore newStore();

    /** Returns an empty tombstone store of the kind a server pairs with {@link #newStore()}. */
    protected abstract TombstoneStore newTombstoneStore();

    @BeforeEach
    void createStore() {
        store = newStore();
        tombstones = newTombstoneStore();
    }

    /** A hash whose text starts with {@code prefix} (hex) and is otherwise {@code fill}. */
    public static PacketHash hash(String prefix, char fill) {
        return new PacketHash(prefix + String.valueOf(fill).repeat(64 - prefix.length()));
    }

    /** A stored J2 packet for {@code recipient}, first seen at {@code seen}, expiring a week later. */
    public static StoredPacket packet(PacketHash hash, String recipient, Instant seen) {
        return new StoredPacket(
                new MeshPacket(recipient, "message-" + hash.hex(), "signature", hash),
                MeshProfile.J2,
                seen,
                seen.plus(Duration.ofDays(7)));
    }

    @Test
    void firstInsertWinsAndIsFoundByHash() {
        StoredPacket first = packet(hash("aa", '0'), "bob", T0);
        StoredPacket other = new StoredPacket(
                new MeshPacket("carol", "other", "other", first.packet().hash()),
                MeshProfile.J2,
                T0.plusSeconds(1),
                T0.plus(Duration.ofDays(8)));
        assertThat(store.insert(first)).isTrue();
        assertThat(store.insert(other)).isFalse();
        assertThat(store.find(first.packet().hash())).contains(first);
        assertThat(store.find(hash("bb", '0'))).isEmpty();
    }

    /** A discard tombstone for {@code packet}'s hash, made at {@link #T0} and live for 8 days. */
    public static Tombstone discarded(StoredPacket packet) {
        return new Tombstone(
                packet.packet().hash(),
                TombstoneReason.DISCARDED,
                "bob",
                T0,
                T0.plus(Duration.ofDays(8)),
                Optional.empty());
    }

    private void bury(StoredPacket packet) {
        tombstones.add(discarded(packet), T0);
    }

    @Test
    void insertUnlessTombstonedStoresOnlyWhereNoLiveTombstoneNamesTheHash() {
        StoredPacket first = packet(hash("aa", '0'), "bob", T0);
        assertThat(store.insertUnlessTombstoned(first, tombstones, T0)).isEqualTo(PacketStore.Insertion.STORED);
        assertThat(store.insertUnlessTombstoned(first, tombstones, T0)).isEqualTo(PacketStore.Insertion.HELD);
        assertThat(store.find(first.packet().hash())).contains(first);

        StoredPacket buried = packet(hash("bb", '0'), "bob", T0);
        bury(buried);
        assertThat(store.insertUnlessTombstoned(buried, tombstones, T0)).isEqualTo(PacketStore.Insertion.TOMBSTONED);
        assertThat(store.find(buried.packet().hash())).as("nothing stored").isEmpty();

        bury(first);
        assertThat(store.insertUnlessTombstoned(first, tombstones, T0))
                .as("a tombstone takes precedence over a held packet")
                .isEqualTo(PacketStore.Insertion.TOMBSTONED);
        assertThat(store.insertUnlessTombstoned(buried, tombstones, T0.plus(Duration.ofDays(9))))
                .as("an expired tombstone does not count")
                .isEqualTo(PacketStore.Insertion.STORED);
    }

    @Test
    void roundTripsEveryField() {
        StoredPacket stored = new StoredPacket(
                new MeshPacket("r\u00e9cipient", "m".repeat(50_000), "s+/=", hash("0f", 'e')),
                MeshProfile.J1,
                T0.plusMillis(123),
                T0.plus(Duration.ofDays(7)).plusMillis(123));
        store.insert(stored);
        assertThat(store.find(stored.packet().hash())).contains(stored);
    }

    @Test
    void findByRecipientReturnsLivePacketsOldestFirstUpToTheLimit() {
        StoredPacket late = packet(hash("01", '0'), "bob", T0.plusSeconds(20));
        StoredPacket early = packet(hash("02", '0'), "bob", T0);
        StoredPacket tieB = packet(hash("04", '0'), "bob", T0.plusSeconds(10));
        StoredPacket tieA = packet(hash("03", '0'), "bob", T0.plusSeconds(10));
        StoredPacket carols = packet(hash("05", '0'), "carol", T0);
        for (StoredPacket p : List.of(late, early, tieB, tieA, carols)) {
            store.insert(p);
        }
        assertThat(store.findByRecipient("bob", T0.plusSeconds(30), 10)).containsExactly(early, tieA, tieB, late);
        assertThat(store.findByRecipient("bob", T0.plusSeconds(30), 2)).containsExactly(early, tieA);
        assertThat(store.findByRecipient("bob", T0.plus(Duration.ofDays(7)), 10))
                .containsExactly(tieA, tieB, late);
        assertThat(store.findByRecipient("nobody", T0, 10)).isEmpty();
    }

    @Test
    void syncPagesAscendAfterTheCursorAndSkipExpiredAndLegacyPackets() {
        List<PacketHash> hashes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            PacketHash h = hash(String.format("%02x", i * 16), '1');
            hashes.add(h);
            store.insert(packet(h, "bob", T0));
        }
        store.insert(new StoredPacket(
                new MeshPacket("bob", "m", "s", hash("35", '0')), MeshProfile.J1, T0, T0.plus(Duration.ofDays(7))));
        store.insert(packet(hash("45", '0'), "bob", T0.minus(Duration.ofDays(7))));

        assertThat(store.syncHashesAfter(Optional.empty(), T0, 4)).containsExactlyElementsOf(hashes.subList(0, 4));
        assertThat(store.syncHashesAfter(Optional.of(hashes.get(3)), T0, 4))
                .containsExactlyElementsOf(hashes.subList(4, 6));
        assertThat(store.syncHashesAfter(Optional.of(hash("21", '0')), T0, 1)).containsExactly(hashes.get(3));
        assertThat(store.syncHashesAfter(Optional.of(hashes.get(5)), T0, 4)).isEmpty();
    }

    @Test
    void heldLiveDeleteExpiredAndCount() {
        StoredPacket live = packet(hash("aa", '0'), "bob", T0);
        StoredPacket old = packet(hash("bb", '0'), "bob", T0.minus(Duration.ofDays(8)));
        store.insert(live);
        store.insert(old);
        assertThat(store.heldLive(List.of(live.packet().hash(), old.packet().hash(), hash("cc", '0')), T0))
                .containsExactly(live.packet().hash());
        assertThat(store.countLive(T0)).isEqualTo(1);
        assertThat(store.expired(T0, 10)).containsExactly(old);
        assertThat(store.expired(T0.plus(Duration.ofDays(7)), 1)).hasSize(1);
        assertThat(store.delete(old.packet().hash())).isTrue();
        assertThat(store.delete(old.packet().hash())).isFalse();
        assertThat(store.find(old.packet().hash())).isEmpty();
        assertThat(store.expired(T0, 10)).isEmpty();
    }

    @Test
    void concurrentInsertsOfOneHashHaveOneWinner() throws Exception {
        PacketHash hash = hash("77", '7');
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String recipient = "r" + i;
                racers.add(() -> store.insert(packet(hash, recipient, T0)));
            }
            int winners = 0;
            for (Future<Boolean> result : pool.invokeAll(racers)) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
