package dev.missive.jdbc.smp;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.Dialect;
import dev.missive.jdbc.Transactions;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.MessageStore;
import dev.missive.smp.spi.StoredMessage;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link MessageStore} in an SQLite or PostgreSQL database (table {@code smp_messages}, migrations
 * of protocol {@value JdbcQueueStore#PROTOCOL}): one FIFO per queue ordered by an increasing
 * sequence number.
 *
 * <p>{@link #append} commits before it returns true, so the server's {@code OK} follows a durable
 * write; {@link #deleteHead} removes the row in the transaction that answers the {@code ACK}. On
 * PostgreSQL, appends to one queue take a transaction-scoped advisory lock so the quota holds and
 * sequence order equals commit order even with several node instances on one database; SQLite
 * transactions are serialised by the database itself.
 */
public final class JdbcMessageStore implements MessageStore {

    private static final String LOCK_QUEUE = "SELECT pg_advisory_xact_lock(?)";
    private static final String COUNT = "SELECT COUNT(*) FROM smp_messages WHERE recipient_id = ?";
    private static final String INSERT =
            "INSERT INTO smp_messages (recipient_id, msg_id, received_at, body) VALUES (?, ?, ?, ?)";
    private static final String PEEK =
            "SELECT msg_id, received_at, body FROM smp_messages WHERE recipient_id = ? ORDER BY seq LIMIT 1";
    private static final String DELETE_HEAD = """
            DELETE FROM smp_messages WHERE seq = (
                SELECT seq FROM smp_messages WHERE recipient_id = ? ORDER BY seq LIMIT 1)
            AND msg_id = ?""";
    private static final String EXPIRE_QUEUE = "DELETE FROM smp_messages WHERE recipient_id = ? AND received_at < ?";
    private static final String EXPIRE_ALL = "DELETE FROM smp_messages WHERE received_at < ?";
    private static final String DELETE_QUEUE = "DELETE FROM smp_messages WHERE recipient_id = ?";

    private final DataSource dataSource;
    private final boolean postgres;

    /** Creates the store on {@code database}, migrating the SMP tables first if needed. */
    public JdbcMessageStore(Database database) {
        Objects.requireNonNull(database, "database");
        database.migrate(JdbcQueueStore.PROTOCOL);
        this.dataSource = database.dataSource();
        this.postgres = database.dialect() == Dialect.POSTGRESQL;
    }

    @Override
    public boolean append(QueueId recipientId, StoredMessage message, int quota) {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(message, "message");
        return Transactions.inTransaction(dataSource, connection -> {
            if (postgres) {
                lockQueue(connection, recipientId);
            }
            if (count(connection, recipientId) >= quota) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setBytes(1, recipientId.bytes());
                insert.setBytes(2, message.msgId());
                insert.setLong(3, message.receivedAt().toEpochMilli());
                insert.setBytes(4, message.body());
                insert.executeUpdate();
            }
            return true;
        });
    }

    private static void lockQueue(Connection connection, QueueId recipientId) throws SQLException {
        byte[] id = recipientId.bytes();
        long key = ByteBuffer.wrap(Arrays.copyOf(id, Math.max(8, id.length))).getLong() ^ Arrays.hashCode(id);
        try (PreparedStatement lock = connection.prepareStatement(LOCK_QUEUE)) {
            lock.setLong(1, key);
            lock.execute();
        }
    }

    private static int count(Connection connection, QueueId recipientId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(COUNT)) {
            count.setBytes(1, recipientId.bytes());
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    @Override
    public Optional<StoredMessage> peek(QueueId recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement peek = connection.prepareStatement(PEEK)) {
                peek.setBytes(1, recipientId.bytes());
                try (ResultSet row = peek.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredMessage(row.getBytes(1), Instant.ofEpochMilli(row.getLong(2)),
                            row.getBytes(3)));
                }
            }
        });
    }

    @Override
    public boolean deleteHead(QueueId recipientId, byte[] msgId) {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(msgId, "msgId");
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE_HEAD)) {
                delete.setBytes(1, recipientId.bytes());
                delete.setBytes(2, msgId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int count(QueueId recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        return Transactions.inTransaction(dataSource, connection -> count(connection, recipientId));
    }

    @Override
    public int expireOlderThan(QueueId recipientId, Instant cutoff) {
        Objects.requireNonNull(recipientId, "recipientId");
        long millis = cutoff.toEpochMilli();
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(EXPIRE_QUEUE)) {
                delete.setBytes(1, recipientId.bytes());
                delete.setLong(2, millis);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public int expireOlderThan(Instant cutoff) {
        long millis = cutoff.toEpochMilli();
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(EXPIRE_ALL)) {
                delete.setLong(1, millis);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public int deleteQueue(QueueId recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE_QUEUE)) {
                delete.setBytes(1, recipientId.bytes());
                return delete.executeUpdate();
            }
        });
    }
}
