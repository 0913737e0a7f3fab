package dev.missive.jdbc.openmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.crypto.Secret;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.testing.SqliteBackend;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OutboundMessage;
import dev.missive.openmsg.spi.OutboundStatus;
import dev.missive.openmsg.spi.PendingHandshake;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node and an operator tool on separate pools of one SQLite file see each other's writes. */
class JdbcOpenmsgStoreSharingTest {

    @RegisterExtension
    static final SqliteBackend BACKEND = new SqliteBackend();

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.123456789Z");
    private static final OpenmsgAddress ALICE = OpenmsgAddress.parse("1*a.example");
    private static final OpenmsgAddress BOB = OpenmsgAddress.parse("2*b.example");

    private JdbcOpenmsgStore node;

    @BeforeEach
    void clear() {
        node = new JdbcOpenmsgStore(BACKEND.database());
        BACKEND.clear(JdbcOpenmsgStoreTables.ALL);
    }

    @Test
    void aPendingHandshakeAndASentMessageWrittenByAToolAreConfirmedByTheNode() {
        try (Database toolDatabase = Database.open(BACKEND.database().url())) {
            JdbcOpenmsgStore tool = new JdbcOpenmsgStore(toolDatabase);
            tool.putPendingHandshake(
                    new PendingHandshake(ALICE, BOB, Secret.ofText("cd".repeat(32)), NOW, NOW.plusSeconds(60)));
            tool.addOutbound(new OutboundMessage(
                    ALICE,
                    BOB,
                    "ef".repeat(32),
                    "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZX",
                    "hi",
                    NOW,
                    NOW.plusSeconds(60),
                    OutboundStatus.PENDING));

            assertThat(node.removePendingHandshake(ALICE, BOB, Secret.ofText("cd".repeat(32))))
                    .isTrue();
            assertThat(node.confirmOutbound("ef".repeat(32), "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZX", NOW))
                    .isTrue();
            assertThat(tool.outbound(ALICE))
                    .singleElement()
                    .satisfies(m -> assertThat(m.status()).isEqualTo(OutboundStatus.CONFIRMED))
                    .satisfies(m -> assertThat(m.createdAt()).isEqualTo(NOW));
            assertThat(tool.pendingHandshakes(BOB)).isEmpty();
        }
    }

    @Test
    void nodeDomainsAreRecordedOnceInOrder() {
        node.registerNodeDomain("A.example", NOW);
        node.registerNodeDomain("b.example", NOW.plusSeconds(1));
        node.registerNodeDomain("a.example", NOW.plusSeconds(2));

        assertThat(node.nodeDomains()).containsExactly("a.example", "b.example");
        assertThatThrownBy(() -> node.registerNodeDomain("a.example:443", NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
