package dev.missive.jdbc.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.StoreUrl;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.QueueRecord;
import dev.missive.smp.spi.StoredMessage;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an SQLite-backed server has acknowledged survives closing and reopening the database. */
class JdbcSmpRestartTest {

    @TempDir
    Path directory;

    @Test
    void queuesAndUnacknowledgedMessagesSurviveARestart() {
        StoreUrl url = new StoreUrl.Sqlite(directory.resolve("smp.db"));
        QueueId rid = QueueId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        QueueId sid = QueueId.of(new byte[] {12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
        StoredMessage first =
                new StoredMessage(new byte[] {1}, Instant.ofEpochMilli(1_700_000_000_123L), new byte[] {'a'});
        StoredMessage second =
                new StoredMessage(new byte[] {2}, Instant.ofEpochMilli(1_700_000_000_456L), new byte[] {'b'});
        try (Database db = Database.open(url)) {
            assertThat(new JdbcQueueStore(db).create(QueueRecord.create(rid, sid, new byte[] {9})))
                    .isTrue();
            JdbcMessageStore messages = new JdbcMessageStore(db);
            assertThat(messages.append(rid, first, 10).stored()).isTrue();
            assertThat(messages.append(rid, second, 10).stored()).isTrue();
            assertThat(messages.deleteHead(rid, first.msgId())).isTrue();
        }
        try (Database db = Database.open(url)) {
            assertThat(new JdbcQueueStore(db).findBySenderId(sid))
                    .get()
                    .extracting(QueueRecord::recipientId)
                    .isEqualTo(rid);
            JdbcMessageStore messages = new JdbcMessageStore(db);
            assertThat(messages.peek(rid)).contains(second);
            assertThat(messages.count(rid)).isEqualTo(1);
        }
    }
}
