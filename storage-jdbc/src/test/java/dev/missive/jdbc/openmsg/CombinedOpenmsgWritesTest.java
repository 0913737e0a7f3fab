package dev.missive.jdbc.openmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.missive.jdbc.GroupedWrites;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OutboundMessage;
import dev.missive.openmsg.spi.OutboundStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Openmsg writes of one group commit run together (one batch per kind on PostgreSQL): each
 * caller must get the answer it would get alone, also when the same hash comes twice in one group.
 */
@OnEachDatabase
class CombinedOpenmsgWritesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final OpenmsgAddress ALICE = OpenmsgAddress.parse("1000000*a.example");
    private static final OpenmsgAddress BOB = OpenmsgAddress.parse("2000000*b.example");

    private final TestDatabase backend;
    private JdbcOpenmsgStore store;

    CombinedOpenmsgWritesTest(TestDatabase backend) {
        this.backend = backend;
    }

    @BeforeEach
    void createStore() {
        store = new JdbcOpenmsgStore(backend.database());
        backend.clear(JdbcOpenmsgStoreTables.ALL);
    }

    private static String hash(int i) {
        return String.format("%064x", i);
    }

    private static InboxMessage inbound(int i) {
        return new InboxMessage(BOB, ALICE, "Alice", hash(i), "text " + i, NOW.minusSeconds(2), NOW);
    }

    private static OutboundMessage outbound(int i) {
        return new OutboundMessage(
                ALICE, BOB, hash(i), "n".repeat(64), "text " + i, NOW, NOW.plusSeconds(60), OutboundStatus.PENDING);
    }

    @Test
    void aHashDeliveredSeveralTimesInOneGroupIsAcceptedOnceAndTheOthersOnceEach() throws Exception {
        // Inputs 0..5 are distinct messages; 6..9 repeat message 2; message 4 was accepted earlier.
        assertThat(store.acceptInbound(inbound(4), NOW.plusSeconds(600))).isTrue();
        List<Callable<Boolean>> deliveries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            InboxMessage message = inbound(i < 6 ? i : 2);
            deliveries.add(() -> store.acceptInbound(message, NOW.plusSeconds(600)));
        }
        List<Boolean> accepted = GroupedWrites.inOneGroup(backend.database(), deliveries);

        for (int i : new int[] {0, 1, 3, 5}) {
            assertThat(accepted.get(i)).as("message %d", i).isTrue();
        }
        assertThat(accepted.get(4)).as("accepted before the group").isFalse();
        List<Boolean> ofMessageTwo = new ArrayList<>(accepted.subList(6, 10));
        ofMessageTwo.add(accepted.get(2));
        assertThat(ofMessageTwo).containsOnlyOnce(true);
        assertThat(store.inbox(BOB))
                .extracting(InboxMessage::messageHash)
                .containsExactlyInAnyOrder(hash(0), hash(1), hash(2), hash(3), hash(4), hash(5));
    }

    @Test
    void aDuplicateOutboundHashInOneGroupIsRefusedAndTheRestStored() throws Exception {
        List<Callable<String>> additions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            OutboundMessage message = outbound(i < 5 ? i : 1);
            additions.add(() -> {
                try {
                    store.addOutbound(message);
                    return "stored";
                } catch (IllegalStateException duplicate) {
                    return duplicate.getMessage();
                }
            });
        }
        List<String> outcomes = GroupedWrites.inOneGroup(backend.database(), additions);

        assertThat(outcomes)
                .containsOnlyOnce("duplicate message hash")
                .filteredOn("stored"::equals)
                .hasSize(5);
        assertThat(List.of(outcomes.get(1), outcomes.get(5))).containsOnlyOnce("stored");
        assertThat(store.outbound(ALICE)).hasSize(5);
    }

    @Test
    void completionsOfOneGroupEachReachTheirOwnMessage() throws Exception {
        for (int i = 0; i < 4; i++) {
            store.addOutbound(outbound(i));
        }
        List<Callable<Void>> completions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String messageHash = hash(i);
            OutboundStatus status = i % 2 == 0 ? OutboundStatus.DELIVERED : OutboundStatus.FAILED;
            completions.add(() -> {
                store.completeOutbound(messageHash, status);
                return null;
            });
        }
        GroupedWrites.inOneGroup(backend.database(), completions);

        assertThat(store.outbound(ALICE))
                .extracting(OutboundMessage::messageHash, OutboundMessage::status)
                .containsExactlyInAnyOrder(
                        tuple(hash(0), OutboundStatus.DELIVERED),
                        tuple(hash(1), OutboundStatus.FAILED),
                        tuple(hash(2), OutboundStatus.DELIVERED),
                        tuple(hash(3), OutboundStatus.FAILED));
    }
}
