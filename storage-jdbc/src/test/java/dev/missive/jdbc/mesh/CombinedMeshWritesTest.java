package dev.missive.jdbc.mesh;

import static dev.missive.mesh.spi.PacketStoreContract.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.jdbc.GroupedWrites;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.mesh.spi.PacketStore.Insertion;
import dev.missive.mesh.spi.PacketStoreContract;
import dev.missive.mesh.spi.StoredPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The packets of one group commit are inserted in one batch: each arrival still gets its own answer. */
@OnEachDatabase
class CombinedMeshWritesTest {

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
        return PacketStoreContract.packet(PacketStoreContract.hash(String.format("%02x", i), '0'), "bob", T0);
    }

    @Test
    void eachArrivalOfAGroupIsStoredHeldOrTombstonedOnItsOwn() throws Exception {
        // Packet 1 is held already, packet 2 is discarded, packet 3 arrives twice in the group.
        packets.insert(packet(1));
        tombstones.add(PacketStoreContract.discarded(packet(2)), T0);
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
