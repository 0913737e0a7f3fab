package dev.missive.jdbc.smp;

import static dev.missive.jdbc.Sql.execute;
import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.Dialect;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.MessageStore;
import dev.missive.smp.spi.StoredMessage;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link MessageStore} in an SQLite or PostgreSQL database (table {@code smp_messages}, migrations
 * of protocol {@value JdbcQueueStore#PROTOCOL}): one FIFO per queue ordered by an increasing
 * sequence number.
 *
 * <p>{@link #append} commits before it returns true, so the server's {@code OK} follows a durable
 * write; concurrent appends share one commit ({@link Database#write}). It is one {@code INSERT ...
 * SELECT} whose condition checks the quota; {@link #deleteHead} removes the row in the transaction
 * that answers the {@code ACK}. On PostgreSQL, appends to one queue take a transaction-scoped
 * advisory lock so the quota holds and sequence order equals commit order even with several node
 * instances on one database; SQLite transactions are serialised by the database itself.
 */
public final class JdbcMessageStore implements MessageStore {

    private static final String COUNT = "SELECT COUNT(*) FROM smp_messages WHERE recipient_id = ?";

    /**
     * Inserts unless the queue already holds {@code quota} messages, in one statement; the count
     * stops at the quota, so a full queue costs no more to check than a queue at the quota.
     */
    private static final String APPEND_WITHIN_QUOTA = """
            INSERT INTO smp_messages (recipient_id, msg_id, received_at, body)
            SELECT ?, ?, ?, ? WHERE (
                SELECT COUNT(*) FROM (SELECT 1 FROM smp_messages WHERE recipient_id = ? LIMIT ?) AS queued) < ?""";

    /**
     * PostgreSQL: deletes the head if it is {@code msgId} and returns the next head, in one statement.
     * The query reads the snapshot from before the delete, so it leaves out the deleted row by its
     * {@code seq}. (SQLite has no {@code DELETE} in {@code WITH}; it runs two statements in process.)
     */
    private static final String DELETE_HEAD_RETURNING_NEXT = """
            WITH deleted AS (
                DELETE FROM smp_messages WHERE seq = (
                    SELECT seq FROM smp_messages WHERE recipient_id = ? ORDER BY seq LIMIT 1)
                AND msg_id = ? RETURNING seq)
            SELECT msg_id, received_at, body FROM smp_messages
            WHERE recipient_id = ? AND seq NOT IN (SELECT seq FROM deleted) ORDER BY seq LIMIT 1""";

    private final Database database;

    /**
     * Creates the store on {@code database}, migrating the SMP tables first if needed.
     *
     * @param database the database whose tables the store uses
     */
    public JdbcMessageStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.migrate(JdbcQueueStore.PROTOCOL);
    }

    @Override
    public boolean append(QueueId recipientId, StoredMessage message, int quota) {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(message, "message");
        return database.write(JdbcQueueStore.PROTOCOL, "append", c -> {
            if (database.dialect() == Dialect.POSTGRESQL) {
                execute(c, "SELECT pg_advisory_xact_lock(?)", lockKey(recipientId));
            }
            return update(
                            c,
                            APPEND_WITHIN_QUOTA,
                            recipientId.bytes(),
                            message.msgId(),
                            message.receivedAt(),
                            message.body(),
                            recipientId.bytes(),
                            quota,
                            quota)
                    == 1;
        });
    }

    /** The advisory-lock key of a queue: any stable 64-bit digest of its ID will do. */
    private static long lockKey(QueueId recipientId) {
        byte[] id = recipientId.bytes();
        return ByteBuffer.wrap(Arrays.copyOf(id, Math.max(8, id.length))).getLong() ^ Arrays.hashCode(id);
    }

    private static int count(Connection c, QueueId recipientId) throws SQLException {
        return queryOne(c, COUNT, r -> r.intValue(1), recipientId.bytes()).orElseThrow();
    }

    @Override
    public Optional<StoredMessage> peek(QueueId recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        return database.read(JdbcQueueStore.PROTOCOL, "peek", c -> head(c, recipientId));
    }

    private static Optional<StoredMessage> head(Connection c, QueueId recipientId) throws SQLException {
        return queryOne(
                c,
                "SELECT msg_id, received_at, body FROM smp_messages WHERE recipient_id = ? ORDER BY seq LIMIT 1",
                r -> new StoredMessage(r.bytes(1), r.instant(2), r.bytes(3)),
                recipientId.bytes());
    }

    @Override
    public boolean deleteHead(QueueId recipientId, byte[] msgId) {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(msgId, "msgId");
        return database.write(JdbcQueueStore.PROTOCOL, "deleteHead", c -> deleteHead(c, recipientId, msgId));
    }

    private static boolean deleteHead(Connection c, QueueId recipientId, byte[] msgId) throws SQLException {
        return update(c, """
                DELETE FROM smp_messages WHERE seq = (
                    SELECT seq FROM smp_messages WHERE recipient_id = ? ORDER BY seq LIMIT 1)
                AND msg_id = ?""", recipientId.bytes(), msgId) == 1;
    }

    /**
     * Deletes and reads the next head in one write unit: an {@code ACK} costs one trip through the
     * group commit and no separate read (a pool connection and a query of its own). The head is read
     * inside the unit's transaction, so it is exactly what the committed state holds next.
     */
    @Override
    public Optional<StoredMessage> deleteHeadAndPeek(QueueId recipientId, byte[] msgId) {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(msgId, "msgId");
        return database.write(JdbcQueueStore.PROTOCOL, "deleteHeadAndPeek", c -> {
            if (database.dialect() == Dialect.POSTGRESQL) {
                // One round trip: the writer runs every unit of a group in turn, so on PostgreSQL each
                // statement it waits for delays the whole group.
                return queryOne(
                        c,
                        DELETE_HEAD_RETURNING_NEXT,
                        r -> new StoredMessage(r.bytes(1), r.instant(2), r.bytes(3)),
                        recipientId.bytes(),
                        msgId,
                        recipientId.bytes());
            }
            deleteHead(c, recipientId, msgId);
            return head(c, recipientId);
        });
    }

    @Override
    public int count(QueueId recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        return database.read(JdbcQueueStore.PROTOCOL, "count", c -> count(c, recipientId));
    }

    @Override
    public int expireOlderThan(QueueId recipientId, Instant cutoff) {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(cutoff, "cutoff");
        return database.write(
                JdbcQueueStore.PROTOCOL,
                "expireOlderThan",
                c -> update(
                        c,
                        "DELETE FROM smp_messages WHERE recipient_id = ? AND received_at < ?",
                        recipientId.bytes(),
                        cutoff));
    }

    @Override
    public int expireOlderThan(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return database.write(
                JdbcQueueStore.PROTOCOL,
                "expireOlderThan",
                c -> update(c, "DELETE FROM smp_messages WHERE received_at < ?", cutoff));
    }

    @Override
    public int deleteQueue(QueueId recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        return database.write(
                JdbcQueueStore.PROTOCOL,
                "deleteQueue",
                c -> update(c, "DELETE FROM smp_messages WHERE recipient_id = ?", recipientId.bytes()));
    }
}
