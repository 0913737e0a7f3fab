package dev.missive.jdbc.smp;

import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.Sql;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.QueueRecord;
import dev.missive.smp.spi.QueueStatus;
import dev.missive.smp.spi.QueueStore;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link QueueStore} in an SQLite or PostgreSQL database (tables {@code smp_queues} and
 * {@code smp_queue_ids}, migrations of protocol {@value #PROTOCOL}).
 *
 * <p>RIDs and SIDs share one primary key in {@code smp_queue_ids}, so {@link #create} refuses an ID
 * already used in either role, atomically and across node instances sharing a PostgreSQL database.
 * Every change is one transaction, group-committed with concurrent ones ({@link Database#write})
 * and committed before it returns; lookups run outside the writer ({@link Database#read}).
 */
public final class JdbcQueueStore implements QueueStore {

    /** The migration name of the SMP tables. */
    public static final String PROTOCOL = "smp";

    private static final String COLUMNS =
            "SELECT recipient_id, sender_id, recipient_key, sender_key, status FROM smp_queues";

    /** Thrown inside a transaction to roll back a create whose ID is taken. */
    private static final class IdTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IdTaken() {
            super(null, null, false, false);
        }
    }

    private final Database database;

    /**
     * Creates the store on {@code database}, migrating the SMP tables first if needed.
     *
     * @param database the database whose tables the store uses
     */
    public JdbcQueueStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.migrate(PROTOCOL);
    }

    @Override
    public boolean create(QueueRecord queue) {
        Objects.requireNonNull(queue, "queue");
        try {
            return database.write(PROTOCOL, "create", c -> {
                // Both IDs in one statement: two rows inserted, or one of them is taken.
                if (update(
                                c,
                                "INSERT INTO smp_queue_ids (queue_id) VALUES (?), (?) ON CONFLICT DO NOTHING",
                                queue.recipientId().bytes(),
                                queue.senderId().bytes())
                        != 2) {
                    throw new IdTaken();
                }
                update(
                        c,
                        """
                        INSERT INTO smp_queues (recipient_id, sender_id, recipient_key, sender_key, status)
                        VALUES (?, ?, ?, ?, ?)""",
                        queue.recipientId().bytes(),
                        queue.senderId().bytes(),
                        queue.recipientKey(),
                        queue.senderKey(),
                        queue.status());
                return true;
            });
        } catch (IdTaken e) {
            return false;
        }
    }

    @Override
    public Optional<QueueRecord> findByRecipientId(QueueId recipientId) {
        return find("findByRecipientId", COLUMNS + " WHERE recipient_id = ?", recipientId);
    }

    @Override
    public Optional<QueueRecord> findBySenderId(QueueId senderId) {
        return find("findBySenderId", COLUMNS + " WHERE sender_id = ?", senderId);
    }

    private Optional<QueueRecord> find(String operation, String sql, QueueId id) {
        Objects.requireNonNull(id, "id");
        return database.read(PROTOCOL, operation, c -> queryOne(c, sql, JdbcQueueStore::queueOf, id.bytes()));
    }

    private static QueueRecord queueOf(Sql.Row r) throws SQLException {
        return new QueueRecord(
                QueueId.of(r.bytes(1)),
                QueueId.of(r.bytes(2)),
                r.bytes(3),
                r.bytes(4),
                QueueStatus.valueOf(r.string(5)));
    }

    @Override
    public boolean secure(QueueId recipientId, byte[] senderKey) {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(senderKey, "senderKey");
        return database.write(
                PROTOCOL,
                "secure",
                c -> update(
                                c,
                                "UPDATE smp_queues SET sender_key = ? WHERE recipient_id = ? AND sender_key IS NULL",
                                senderKey,
                                recipientId.bytes())
                        == 1);
    }

    @Override
    public boolean suspend(QueueId recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        return database.write(
                PROTOCOL,
                "suspend",
                c -> update(
                                c,
                                "UPDATE smp_queues SET status = ? WHERE recipient_id = ?",
                                QueueStatus.SUSPENDED,
                                recipientId.bytes())
                        == 1);
    }

    @Override
    public boolean delete(QueueId recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        return database.write(PROTOCOL, "delete", c -> {
            Optional<byte[]> senderId = queryOne(
                    c, "SELECT sender_id FROM smp_queues WHERE recipient_id = ?", r -> r.bytes(1), recipientId.bytes());
            if (senderId.isEmpty()) {
                return false;
            }
            update(c, "DELETE FROM smp_queues WHERE recipient_id = ?", recipientId.bytes());
            update(c, "DELETE FROM smp_queue_ids WHERE queue_id IN (?, ?)", recipientId.bytes(), senderId.get());
            return true;
        });
    }
}
