package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.jdbc.openmsg.JdbcOpenmsgStore;
import dev.missive.jdbc.smp.JdbcMessageStore;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.StoredMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Data written under the older schemas survives the migrations to one replay guard and epoch nanoseconds. */
@OnEachDatabase
class MigrationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final TestDatabase backend;

    MigrationTest(TestDatabase backend) {
        this.backend = backend;
    }

    @Test
    void oldGuardEntriesMessagesAndOpenmsgHashesAreKept() {
        Database database = backend.database();
        // The schemas as the previous release left them: guard V1 and SMP V1 in milliseconds,
        // Openmsg V2 with its own replay-guard table in nanoseconds.
        database.migrate(JdbcReplayGuardStore.PROTOCOL, "1");
        database.migrate("smp", "1");
        database.migrate(JdbcOpenmsgStore.PROTOCOL, "2");
        String hash = "ab".repeat(32);
        QueueId queue = QueueId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        database.inTransaction(c -> {
            Sql.update(
                    c,
                    "INSERT INTO replay_guard (scope, guard_key, expires_at) VALUES (?, ?, ?)",
                    "smp",
                    "nonce",
                    T0.plusSeconds(60).toEpochMilli());
            Sql.update(
                    c,
                    "INSERT INTO openmsg_replay_guard (message_hash, expires_at) VALUES (?, ?)",
                    hash,
                    Sql.epochNanos(T0.plusSeconds(3600)));
            return Sql.update(
                    c,
                    "INSERT INTO smp_messages (recipient_id, msg_id, received_at, body) VALUES (?, ?, ?, ?)",
                    queue.bytes(),
                    new byte[] {7},
                    T0.plusMillis(123).toEpochMilli(),
                    new byte[] {'b'});
        });

        JdbcOpenmsgStore openmsg = new JdbcOpenmsgStore(database);
        JdbcReplayGuardStore guard = new JdbcReplayGuardStore(database);
        JdbcMessageStore messages = new JdbcMessageStore(database);

        assertThat(guard.isRecorded("smp", "nonce", T0.plusSeconds(60).minusNanos(1)))
                .isTrue();
        assertThat(guard.isRecorded("smp", "nonce", T0.plusSeconds(60))).isFalse();
        assertThat(openmsg.isReplay(hash, T0.plusSeconds(3600).minusNanos(1))).isTrue();
        assertThat(openmsg.isReplay(hash, T0.plusSeconds(3600))).isFalse();
        assertThat(messages.peek(queue))
                .contains(new StoredMessage(new byte[] {7}, T0.plusMillis(123), new byte[] {'b'}));
        assertThatThrownBy(() -> database.inTransaction(c -> Sql.exists(c, "SELECT 1 FROM openmsg_replay_guard")))
                .as("the old table is gone")
                .isInstanceOf(StoreException.class);
        assertThat(openmsg.inbox(OpenmsgAddress.parse("1*a.example"))).isEmpty();
    }

    @Test
    void aCurrentStoreIsOpenedWithoutRunningFlywayAgain() {
        Database database = backend.database();
        database.migrate(JdbcOpenmsgStore.PROTOCOL);
        // Flyway validates checksums whenever it runs; a changed one proves it did not run.
        database.inTransaction(
                c -> Sql.update(c, "UPDATE flyway_openmsg_history SET checksum = ? WHERE version = ?", 12345, "1"));

        database.migrate(JdbcOpenmsgStore.PROTOCOL);

        database.inTransaction(c -> Sql.update(c, "DELETE FROM flyway_openmsg_history WHERE version = ?", "3"));
        assertThatThrownBy(() -> database.migrate(JdbcOpenmsgStore.PROTOCOL))
                .as("a store behind the bundled migrations goes through Flyway, which validates")
                .isInstanceOf(StoreException.class);
    }
}
