package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.jdbc.smp.JdbcMessageStore;
import dev.missive.jdbc.testing.PostgresBackend;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.StoredMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Messages queued under SMP's PostgreSQL schema before {@code smp_ack} (V5) are acknowledged after it. */
class SmpAckMigrationTest {

    @RegisterExtension
    static final PostgresBackend BACKEND = new PostgresBackend();

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void messagesQueuedBeforeTheAcknowledgementFunctionAreAcknowledgedAfterIt() {
        Database database = BACKEND.database();
        database.migrate("smp", "4");
        QueueId queue = QueueId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        for (byte id = 1; id <= 2; id++) {
            byte msgId = id;
            database.inTransaction(c -> Sql.update(
                    c,
                    "INSERT INTO smp_messages (recipient_id, msg_id, received_at, body) VALUES (?, ?, ?, ?)",
                    queue.bytes(),
                    new byte[] {msgId},
                    T0,
                    new byte[] {'b'}));
        }

        JdbcMessageStore messages = new JdbcMessageStore(database);

        assertThat(messages.deleteHeadAndPeek(queue, new byte[] {2}))
                .as("not the head: nothing deleted")
                .contains(new StoredMessage(new byte[] {1}, T0, new byte[] {'b'}));
        assertThat(messages.deleteHeadAndPeek(queue, new byte[] {1}))
                .contains(new StoredMessage(new byte[] {2}, T0, new byte[] {'b'}));
        assertThat(messages.deleteHeadAndPeek(queue, new byte[] {2})).isEmpty();
        assertThat(messages.count(queue)).isZero();
    }
}
