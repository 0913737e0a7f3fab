package dev.missive.jdbc.emsg;

import static dev.missive.jdbc.Sql.queryList;
import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.spi.OutboxEntry;
import dev.missive.emsg.spi.OutboxStore;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link OutboxStore} in an SQLite or PostgreSQL database: table {@code emsg_outbox} (migrations
 * of protocol {@value EmsgTables#PROTOCOL}), unique per (destination, sender, message id). Entries
 * survive a restart, which is what lets a server deliver what it accepted before it stopped.
 */
public final class JdbcOutboxStore implements OutboxStore {

    private static final String COLUMNS = """
            SELECT entry_id, destination, sender, message_id, json, notify, created_at, expires_at, attempts,
                   next_attempt_at
            FROM emsg_outbox""";

    private final Database database;

    /**
     * Creates the store on {@code database}, migrating the EMSG tables first if needed.
     *
     * @param database the database
     */
    public JdbcOutboxStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.migrate(EmsgTables.PROTOCOL);
    }

    @Override
    public boolean enqueue(OutboxEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return database.write(
                EmsgTables.PROTOCOL,
                "enqueue",
                c -> update(
                                c,
                                """
                                INSERT INTO emsg_outbox (entry_id, destination, sender, message_id, json, notify,
                                                         created_at, expires_at, attempts, next_attempt_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                                entry.entryId(),
                                entry.destination(),
                                entry.sender().toString(),
                                entry.messageId(),
                                entry.json(),
                                entry.notifyOnFailure() == null
                                        ? null
                                        : entry.notifyOnFailure().toString(),
                                entry.createdAt(),
                                entry.expiresAt(),
                                entry.attempts(),
                                entry.nextAttemptAt())
                        == 1);
    }

    @Override
    public List<OutboxEntry> due(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return database.read(
                EmsgTables.PROTOCOL,
                "due",
                c -> queryList(
                        c,
                        COLUMNS + " WHERE next_attempt_at <= ? ORDER BY next_attempt_at, entry_id LIMIT ?",
                        JdbcOutboxStore::entryOf,
                        now,
                        limit));
    }

    @Override
    public Optional<OutboxEntry> find(String entryId) {
        Objects.requireNonNull(entryId, "entryId");
        return database.read(
                EmsgTables.PROTOCOL,
                "findOutbox",
                c -> queryOne(c, COLUMNS + " WHERE entry_id = ?", JdbcOutboxStore::entryOf, entryId));
    }

    private static OutboxEntry entryOf(Sql.Row r) throws SQLException {
        String notify = r.string(6);
        return new OutboxEntry(
                r.string(1),
                r.string(2),
                EmsgAddress.parse(r.string(3)),
                r.string(4),
                r.string(5),
                notify == null ? null : EmsgAddress.parse(notify),
                r.instant(7),
                r.instant(8),
                r.intValue(9),
                r.instant(10));
    }

    @Override
    public boolean reschedule(String entryId, int attempts, Instant nextAttemptAt) {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        return database.write(
                EmsgTables.PROTOCOL,
                "reschedule",
                c -> update(
                                c,
                                "UPDATE emsg_outbox SET attempts = ?, next_attempt_at = ? WHERE entry_id = ?",
                                attempts,
                                nextAttemptAt,
                                entryId)
                        == 1);
    }

    @Override
    public boolean remove(String entryId) {
        Objects.requireNonNull(entryId, "entryId");
        return database.write(
                EmsgTables.PROTOCOL,
                "removeOutbox",
                c -> update(c, "DELETE FROM emsg_outbox WHERE entry_id = ?", entryId) == 1);
    }

    @Override
    public int size() {
        return database.read(
                EmsgTables.PROTOCOL,
                "outboxSize",
                c -> queryOne(c, "SELECT COUNT(*) FROM emsg_outbox", r -> r.intValue(1))
                        .orElse(0));
    }
}
