package dev.missive.jdbc.emsg;

import static dev.missive.jdbc.Sql.queryList;
import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;
import static dev.missive.jdbc.Sql.updateEach;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.spi.OutboxEntry;
import dev.missive.emsg.spi.OutboxStore;
import dev.missive.emsg.spi.SeenMark;
import dev.missive.jdbc.CombinedWork;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.Dialect;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.jdbc.Sql;
import dev.missive.spi.ReplayGuardStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An {@link OutboxStore} in an SQLite or PostgreSQL database: table {@code emsg_outbox} (migrations
 * of protocol {@value EmsgTables#PROTOCOL}), unique per (destination, sender, message id). Entries
 * survive a restart, which is what lets a server deliver what it accepted before it stopped.
 *
 * <p>Each step of a message is one group-committed write: {@link #enqueueAll} with a
 * {@link JdbcReplayGuardStore} on the same {@link Database} records the seen mark and queues the
 * entries together; {@link #lease} selects and leases a whole batch of due entries (on PostgreSQL
 * with {@code FOR UPDATE SKIP LOCKED}, so server instances sharing the database lease disjoint
 * batches); {@link #removeAll} removes a batch of delivered entries, the batches of one group
 * commit in one statement batch.
 */
public final class JdbcOutboxStore implements OutboxStore {

    private static final String COLUMNS = """
            SELECT entry_id, destination, sender, message_id, json, notify, created_at, expires_at, attempts,
                   next_attempt_at
            FROM emsg_outbox""";

    private final Database database;
    private final MarkedInserts<OutboxEntry> enqueueMarked = new MarkedInserts<>(INSERT, JdbcOutboxStore::row);
    private final CombinedWork<List<String>, Set<String>> removeDelivered = JdbcOutboxStore::removeBatches;

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
        return database.write(EmsgTables.PROTOCOL, "enqueue", c -> insert(c, entry));
    }

    @Override
    public OptionalInt enqueueAll(List<OutboxEntry> entries, ReplayGuardStore guard, SeenMark seen) {
        List<OutboxEntry> copy = List.copyOf(entries);
        Objects.requireNonNull(seen, "seen");
        if (!(guard instanceof JdbcReplayGuardStore sameDatabase) || !sameDatabase.uses(database)) {
            return OutboxStore.super.enqueueAll(copy, guard, seen);
        }
        return database.write(
                EmsgTables.PROTOCOL, "enqueueSeen", enqueueMarked, new MarkedInserts.Marked<>(seen, copy));
    }

    private static final String INSERT = """
            INSERT INTO emsg_outbox (entry_id, destination, sender, message_id, json, notify,
                                     created_at, expires_at, attempts, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    private static Object[] row(OutboxEntry entry) {
        return new Object[] {
            entry.entryId(),
            entry.destination(),
            entry.sender().toString(),
            entry.messageId(),
            entry.json(),
            entry.notifyOnFailure() == null ? null : entry.notifyOnFailure().toString(),
            entry.createdAt(),
            entry.expiresAt(),
            entry.attempts(),
            entry.nextAttemptAt()
        };
    }

    private static boolean insert(Connection c, OutboxEntry entry) throws SQLException {
        return update(c, INSERT, row(entry)) == 1;
    }

    @Override
    public List<OutboxEntry> lease(Instant now, int limit, Instant leaseUntil) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        // SQLite has one writer at a time, so the select inside the write is already exclusive.
        String lock = database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        return database.write(EmsgTables.PROTOCOL, "lease", c -> {
            List<OutboxEntry> due = queryList(
                    c,
                    COLUMNS + " WHERE next_attempt_at <= ? ORDER BY next_attempt_at, entry_id LIMIT ?" + lock,
                    JdbcOutboxStore::entryOf,
                    now,
                    limit);
            List<OutboxEntry> leased = new ArrayList<>(due.size());
            List<Object[]> updates = new ArrayList<>(due.size());
            for (OutboxEntry entry : due) {
                OutboxEntry next = entry.retried(entry.attempts() + 1, leaseUntil);
                updates.add(new Object[] {next.attempts(), leaseUntil, entry.entryId()});
                leased.add(next);
            }
            updateEach(c, "UPDATE emsg_outbox SET attempts = ?, next_attempt_at = ? WHERE entry_id = ?", updates);
            return leased;
        });
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
    public Set<String> removeAll(Collection<String> entryIds) {
        List<String> copy = List.copyOf(entryIds);
        if (copy.isEmpty()) {
            return Set.of();
        }
        return database.write(EmsgTables.PROTOCOL, "removeOutboxBatch", removeDelivered, copy);
    }

    /**
     * The {@link #removeAll} calls of one group commit (a drainer's lanes report at about the same
     * time) as one batch of deletes: one round trip for all of them.
     */
    private static List<Set<String>> removeBatches(Connection c, List<List<String>> batches) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        batches.forEach(batch -> batch.forEach(entryId -> rows.add(new Object[] {entryId})));
        int[] deleted = updateEach(c, "DELETE FROM emsg_outbox WHERE entry_id = ?", rows);
        List<Set<String>> removed = new ArrayList<>(batches.size());
        int row = 0;
        for (List<String> batch : batches) {
            Set<String> gone = new LinkedHashSet<>();
            for (String entryId : batch) {
                if (deleted[row++] == 1) {
                    gone.add(entryId);
                }
            }
            removed.add(gone);
        }
        return removed;
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
