package dev.missive.jdbc.smp;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.Transactions;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.QueueRecord;
import dev.missive.smp.spi.QueueStatus;
import dev.missive.smp.spi.QueueStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link QueueStore} in an SQLite or PostgreSQL database (tables {@code smp_queues} and
 * {@code smp_queue_ids}, migrations of protocol {@value #PROTOCOL}).
 *
 * <p>RIDs and SIDs share one primary key in {@code smp_queue_ids}, so {@link #create} refuses an ID
 * already used in either role, atomically and across node instances sharing a PostgreSQL database.
 * Every method is one transaction, committed before it returns.
 */
public final class JdbcQueueStore implements QueueStore {

    /** The migration name of the SMP tables. */
    public static final String PROTOCOL = "smp";

    private static final String CLAIM_ID = "INSERT INTO smp_queue_ids (queue_id) VALUES (?) ON CONFLICT DO NOTHING";
    private static final String INSERT = """
            INSERT INTO smp_queues (recipient_id, sender_id, recipient_key, sender_key, status)
            VALUES (?, ?, ?, ?, ?)""";
    private static final String COLUMNS = "SELECT recipient_id, sender_id, recipient_key, sender_key, status FROM smp_queues";
    private static final String BY_RECIPIENT = COLUMNS + " WHERE recipient_id = ?";
    private static final String BY_SENDER = COLUMNS + " WHERE sender_id = ?";
    private static final String SECURE =
            "UPDATE smp_queues SET sender_key = ? WHERE recipient_id = ? AND sender_key IS NULL";
    private static final String SUSPEND = "UPDATE smp_queues SET status = 'SUSPENDED' WHERE recipient_id = ?";
    private static final String SENDER_OF = "SELECT sender_id FROM smp_queues WHERE recipient_id = ?";
    private static final String DELETE = "DELETE FROM smp_queues WHERE recipient_id = ?";
    private static final String RELEASE_ID = "DELETE FROM smp_queue_ids WHERE queue_id = ?";

    /** Thrown inside a transaction to roll back a create whose ID is taken. */
    private static final class IdTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IdTaken() {
            super(null, null, false, false);
        }
    }

    private final DataSource dataSource;

    /** Creates the store on {@code database}, migrating the SMP tables first if needed. */
    public JdbcQueueStore(Database database) {
        Objects.requireNonNull(database, "database");
        database.migrate(PROTOCOL);
        this.dataSource = database.dataSource();
    }

    @Override
    public boolean create(QueueRecord queue) {
        Objects.requireNonNull(queue, "queue");
        try {
            return Transactions.inTransaction(dataSource, connection -> {
                claim(connection, queue.recipientId());
                claim(connection, queue.senderId());
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setBytes(1, queue.recipientId().bytes());
                    insert.setBytes(2, queue.senderId().bytes());
                    insert.setBytes(3, queue.recipientKey());
                    insert.setBytes(4, queue.senderKey());
                    insert.setString(5, queue.status().name());
                    insert.executeUpdate();
                }
                return true;
            });
        } catch (IdTaken e) {
            return false;
        }
    }

    private static void claim(Connection connection, QueueId id) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(CLAIM_ID)) {
            claim.setBytes(1, id.bytes());
            if (claim.executeUpdate() != 1) {
                throw new IdTaken();
            }
        }
    }

    @Override
    public Optional<QueueRecord> findByRecipientId(QueueId recipientId) {
        return find(BY_RECIPIENT, recipientId);
    }

    @Override
    public Optional<QueueRecord> findBySenderId(QueueId senderId) {
        return find(BY_SENDER, senderId);
    }

    private Optional<QueueRecord> find(String sql, QueueId id) {
        Objects.requireNonNull(id, "id");
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setBytes(1, id.bytes());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new QueueRecord(QueueId.of(row.getBytes(1)), QueueId.of(row.getBytes(2)),
                            row.getBytes(3), row.getBytes(4), QueueStatus.valueOf(row.getString(5))));
                }
            }
        });
    }

    @Override
    public boolean secure(QueueId recipientId, byte[] senderKey) {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(senderKey, "senderKey");
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(SECURE)) {
                update.setBytes(1, senderKey);
                update.setBytes(2, recipientId.bytes());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean suspend(QueueId recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(SUSPEND)) {
                update.setBytes(1, recipientId.bytes());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(QueueId recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        return Transactions.inTransaction(dataSource, connection -> {
            byte[] senderId;
            try (PreparedStatement select = connection.prepareStatement(SENDER_OF)) {
                select.setBytes(1, recipientId.bytes());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return false;
                    }
                    senderId = row.getBytes(1);
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setBytes(1, recipientId.bytes());
                delete.executeUpdate();
            }
            try (PreparedStatement release = connection.prepareStatement(RELEASE_ID)) {
                release.setBytes(1, recipientId.bytes());
                release.addBatch();
                release.setBytes(1, senderId);
                release.addBatch();
                release.executeBatch();
            }
            return true;
        });
    }
}
