package dev.missive.jdbc.osms;

import static dev.missive.jdbc.Sql.execute;
import static dev.missive.jdbc.Sql.queryList;
import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;
import static dev.missive.jdbc.osms.OsmsTables.PROTOCOL;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.Dialect;
import dev.missive.osms.model.UserId;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.QueueStore;
import dev.missive.osms.spi.QueuedItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link QueueStore} in an SQLite or PostgreSQL database (table {@code osms_queue}): one FIFO per
 * recipient ordered by an increasing sequence number, which is also the item id.
 *
 * <p>{@link #enqueue} is one {@code INSERT ... SELECT ... RETURNING} whose condition checks the
 * quota, committed before it returns, so the server acknowledges a send only after a durable write.
 * On PostgreSQL, enqueues for one recipient take a transaction-scoped advisory lock, so the quota
 * holds and id order equals commit order with several servers on one database; SQLite serialises
 * its transactions itself.
 */
public final class JdbcQueueStore implements QueueStore {

    private static final String ENQUEUE_WITHIN_QUOTA = """
            INSERT INTO osms_queue (recipient, sender, sender_username, message, received_at)
            SELECT ?, ?, ?, ?, ? WHERE (
                SELECT COUNT(*) FROM (SELECT 1 FROM osms_queue WHERE recipient = ? LIMIT ?) AS queued) < ?
            RETURNING seq""";

    /** Ids per {@code DELETE}, well under every driver's parameter limit. */
    private static final int ACK_BATCH = 500;

    private final Database database;

    /**
     * Creates the store, migrating the OSMS tables first if needed.
     *
     * @param database the database
     */
    public JdbcQueueStore(Database database) {
        this.database = OsmsTables.migrated(Objects.requireNonNull(database, "database"));
    }

    @Override
    public Optional<QueuedItem> enqueue(
            UserId recipient, UserId sender, Username senderUsername, String message, Instant receivedAt, int quota) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderUsername, "senderUsername");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(receivedAt, "receivedAt");
        return database.write(PROTOCOL, "enqueue", c -> {
            if (database.dialect() == Dialect.POSTGRESQL) {
                execute(c, "SELECT pg_advisory_xact_lock(?)", lockKey(recipient));
            }
            return queryOne(
                            c,
                            ENQUEUE_WITHIN_QUOTA,
                            r -> r.longValue(1),
                            recipient.value(),
                            sender.value(),
                            senderUsername.value(),
                            message,
                            receivedAt,
                            recipient.value(),
                            quota,
                            quota)
                    .map(id -> new QueuedItem(id, recipient, sender, senderUsername, message, receivedAt));
        });
    }

    /** The advisory-lock key of a recipient's queue: 64 bits of its random id, tagged for OSMS. */
    private static long lockKey(UserId recipient) {
        return Long.parseUnsignedLong(recipient.value().substring(0, 16), 16) ^ 0x4f534d53L;
    }

    @Override
    public List<QueuedItem> list(UserId recipient, int max) {
        Objects.requireNonNull(recipient, "recipient");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        return database.read(
                PROTOCOL,
                "list",
                c -> queryList(
                        c,
                        """
                        SELECT seq, sender, sender_username, message, received_at FROM osms_queue
                        WHERE recipient = ? ORDER BY seq LIMIT ?""",
                        r -> new QueuedItem(
                                r.longValue(1),
                                recipient,
                                new UserId(r.string(2)),
                                new Username(r.string(3)),
                                r.string(4),
                                r.instant(5)),
                        recipient.value(),
                        max));
    }

    @Override
    public int acknowledge(UserId recipient, Collection<Long> ids) {
        Objects.requireNonNull(recipient, "recipient");
        List<Long> distinct =
                ids.stream().map(Objects::requireNonNull).distinct().toList();
        if (distinct.isEmpty()) {
            return 0;
        }
        return database.write(PROTOCOL, "acknowledge", c -> {
            int deleted = 0;
            for (int from = 0; from < distinct.size(); from += ACK_BATCH) {
                List<Long> batch = distinct.subList(from, Math.min(distinct.size(), from + ACK_BATCH));
                List<Object> parameters = new ArrayList<>(batch.size() + 1);
                parameters.add(recipient.value());
                parameters.addAll(batch);
                deleted += update(
                        c,
                        "DELETE FROM osms_queue WHERE recipient = ? AND seq IN ("
                                + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")",
                        parameters.toArray());
            }
            return deleted;
        });
    }

    @Override
    public int count(UserId recipient) {
        Objects.requireNonNull(recipient, "recipient");
        return database.read(
                PROTOCOL,
                "count",
                c -> queryOne(
                                c,
                                "SELECT COUNT(*) FROM osms_queue WHERE recipient = ?",
                                r -> r.intValue(1),
                                recipient.value())
                        .orElseThrow());
    }
}
