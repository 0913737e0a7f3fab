package dev.missive.jdbc.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.jdbc.GroupedWrites;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MeshProfile;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.spi.PacketStore.Insertion;
import dev.missive.mesh.spi.StoredPacket;
import dev.missive.mesh.spi.Tombstone;
import dev.missive.mesh.spi.TombstoneReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The packets of one group commit are inserted in one batch: each arrival still gets its own answer. */
@OnEachDatabase
class CombinedMeshWritesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final TestDatabase backend;
    private JdbcMeshPacketStore packets;
    private JdbcMeshTombstoneStore tombstones;

    CombinedMeshWritesTest(TestDatabase backend) {
        this.backend = backend;
    }

    @BeforeEach
    void createStores() {
        packets = new JdbcMeshPacketStore(backend.database());
        tombstones = new JdbcMeshTombstoneStore(backend.database());
        backend.clear("mesh_packets", "mesh_tombstones");
    }

    private static StoredPacket packet(int i) {
        PacketHash hash = new PacketHash(String.format("%064x", i));
        return new StoredPacket(
                new MeshPacket("bob", "message-" + i, "signature", hash),
                MeshProfile.J2,
                T0,
                T0.plus(Duration.ofDays(7)));
    }

    @Test
    void eachArrivalOfAGroupIsStoredHeldOrTombstonedOnItsOwn() throws Exception {
        // Packet 1 is held already, packet 2 is discarded, packet 3 arrives twice in the group.
        packets.insert(packet(1));
        tombstones.add(
                new Tombstone(
                        packet(2).packet().hash(),
                        TombstoneReason.DISCARDED,
                        "bob",
                        T0,
                        T0.plus(Duration.ofDays(8)),
                        Optional.empty()),
                T0);
        int[] arriving = {0, 1, 2, 3, 4, 3};
        List<Callable<Insertion>> arrivals = new ArrayList<>();
        for (int i : arriving) {
            arrivals.add(() -> packets.insertUnlessTombstoned(packet(i), tombstones, T0));
        }
        List<Insertion> answers = GroupedWrites.inOneGroup(backend.database(), arrivals);

        assertThat(answers.subList(0, 3)).containsExactly(Insertion.STORED, Insertion.HELD, Insertion.TOMBSTONED);
        assertThat(answers.get(4)).isEqualTo(Insertion.STORED);
        assertThat(List.of(answers.get(3), answers.get(5))).containsExactlyInAnyOrder(Insertion.STORED, Insertion.HELD);
        assertThat(packets.find(packet(2).packet().hash()))
                .as("nothing stored under a tombstone")
                .isEmpty();
        for (int i : new int[] {0, 1, 3, 4}) {
            assertThat(packets.find(packet(i).packet().hash()))
                    .as("packet %d", i)
                    .isPresent();
        }
    }
}
