package dev.missive.jdbc.smp;

import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.Dialect;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.Appended;
import dev.missive.smp.spi.MessageStore;
import dev.missive.smp.spi.StoredMessage;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link MessageStore} in an SQLite or PostgreSQL database (table {@code smp_messages}, migrations
 * of protocol {@value JdbcQueueStore#PROTOCOL}): one FIFO per queue ordered by an increasing
 * sequence number.
 *
 * <p>{@link #append} commits before it returns true, so the server's {@code OK} follows a durable
 * write; concurrent appends share one commit ({@link Database#write}). On PostgreSQL it is one call
 * of the function {@code smp_append} (migration V4), which takes the queue's transaction-scoped
 * advisory lock, counts and inserts, so the quota holds and sequence order equals commit order even
 * with several node instances on one database; on SQLite, whose transactions the database itself
 * serialises, a count and an insert. {@link #deleteHead} removes the row in the transaction that
 * answers the {@code ACK}.
 */
public final class JdbcMessageStore implements MessageStore {

    private static final String COUNT = "SELECT COUNT(*) FROM smp_messages WHERE recipient_id = ?";

    /** The queue's messages counted up to the quota: a full queue costs no more to count than one at the quota. */
    private static final String COUNT_UP_TO = """
            SELECT COUNT(*) FROM (SELECT 1 FROM smp_messages WHERE recipient_id = ? LIMIT ?) AS queued""";

    private static final String INSERT =
            "INSERT INTO smp_messages (recipient_id, msg_id, received_at, body) VALUES (?, ?, ?, ?)";

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

    /**
     * What a PostgreSQL append announces in its own transaction ({@link PostgresSmpCluster#messageStore}):
     * the {@code NOTIFY} channel, and the payload for a queue.
     */
    record AppendNotice(String channel, Function<QueueId, String> payload) {}

    private final Database database;
    private final AppendNotice notice;

    /**
     * Creates the store on {@code database}, migrating the SMP tables first if needed.
     *
     * @param database the database whose tables the store uses
     */
    public JdbcMessageStore(Database database) {
        this(database, null);
    }

    /** A store whose PostgreSQL appends also send {@code notice} when they commit (null: none). */
    JdbcMessageStore(Database database, AppendNotice notice) {
        this.database = Objects.requireNonNull(database, "database");
        this.notice = notice;
        database.migrate(JdbcQueueStore.PROTOCOL);
    }

    @Override
    public Appended append(QueueId recipientId, StoredMessage message, int quota) {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(message, "message");
        return database.write(JdbcQueueStore.PROTOCOL, "append", c -> {
            int queuedBefore = database.dialect() == Dialect.POSTGRESQL
                    ? queryOne(
                                    c,
                                    "SELECT smp_append(?, ?, ?, ?, ?, ?, ?, ?)",
                                    r -> r.intValue(1),
                                    recipientId.bytes(),
                                    message.msgId(),
                                    message.receivedAt(),
                                    message.body(),
                                    quota,
                                    lockKey(recipientId),
                                    notice == null ? null : notice.channel(),
                                    notice == null ? null : notice.payload().apply(recipientId))
                            .orElseThrow()
                    : appendWithinQuota(c, recipientId, message, quota);
            return queuedBefore < 0
                    ? Appended.REFUSED_FULL
                    : queuedBefore == 0 ? Appended.AS_HEAD : Appended.BEHIND_OTHERS;
        });
    }

    /**
     * SQLite: counts, then inserts if below the quota; the group commit's writer is the database's
     * one writer, so nothing appends in between. Returns what {@code smp_append} does on PostgreSQL.
     */
    private static int appendWithinQuota(Connection c, QueueId recipientId, StoredMessage message, int quota)
            throws SQLException {
        int queued = queryOne(c, COUNT_UP_TO, r -> r.intValue(1), recipientId.bytes(), quota)
                .orElseThrow();
        if (queued >= quota) {
            return -1;
        }
        update(c, INSERT, recipientId.bytes(), message.msgId(), message.receivedAt(), message.body());
        return queued;
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
