package dev.missive.jdbc.emsg;

import static dev.missive.jdbc.Sql.queryList;
import static dev.missive.jdbc.Sql.update;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.spi.InboxEntry;
import dev.missive.emsg.spi.InboxStore;
import dev.missive.emsg.spi.SeenMark;
import dev.missive.emsg.spi.StoredInboxEntry;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.spi.ReplayGuardStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An {@link InboxStore} in an SQLite or PostgreSQL database: table {@code emsg_inbox} (migrations of
 * protocol {@value EmsgTables#PROTOCOL}), unique per (owner, sender, message id), so a retried or
 * replayed delivery is refused by the database itself, atomically and across server instances
 * sharing a PostgreSQL database.
 *
 * <p>{@link #appendAll} with a {@link JdbcReplayGuardStore} on the same {@link Database} records the
 * message's seen mark and appends its entries in one group-committed write: one commit per accepted
 * message, and no window where one is stored without the other.
 */
public final class JdbcInboxStore implements InboxStore {

    private final Database database;
    private final MarkedInserts<InboxEntry> appendMarked = new MarkedInserts<>(INSERT, JdbcInboxStore::row);

    /**
     * Creates the store on {@code database}, migrating the EMSG tables first if needed.
     *
     * @param database the database
     */
    public JdbcInboxStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.migrate(EmsgTables.PROTOCOL);
    }

    @Override
    public boolean append(InboxEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return database.write(EmsgTables.PROTOCOL, "appendInbox", c -> insert(c, entry));
    }

    @Override
    public OptionalInt appendAll(List<InboxEntry> entries, ReplayGuardStore guard, SeenMark seen) {
        List<InboxEntry> copy = List.copyOf(entries);
        Objects.requireNonNull(seen, "seen");
        if (!(guard instanceof JdbcReplayGuardStore sameDatabase) || !sameDatabase.uses(database)) {
            return InboxStore.super.appendAll(copy, guard, seen);
        }
        return database.write(
                EmsgTables.PROTOCOL, "appendInboxSeen", appendMarked, new MarkedInserts.Marked<>(seen, copy));
    }

    private static final String INSERT = """
            INSERT INTO emsg_inbox (owner, sender, message_id, json, received_at)
            VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    private static Object[] row(InboxEntry entry) {
        return new Object[] {
            entry.owner().toString(), entry.sender().toString(), entry.messageId(), entry.json(), entry.receivedAt()
        };
    }

    private static boolean insert(Connection c, InboxEntry entry) throws SQLException {
        return update(c, INSERT, row(entry)) == 1;
    }

    @Override
    public List<StoredInboxEntry> list(EmsgAddress owner, long afterSequence, int limit) {
        Objects.requireNonNull(owner, "owner");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return database.read(
                EmsgTables.PROTOCOL,
                "listInbox",
                c -> queryList(
                        c,
                        """
                        SELECT seq, sender, message_id, json, received_at FROM emsg_inbox
                        WHERE owner = ? AND seq > ? ORDER BY seq LIMIT ?""",
                        r -> new StoredInboxEntry(
                                r.longValue(1),
                                new InboxEntry(
                                        owner, EmsgAddress.parse(r.string(2)), r.string(3), r.string(4), r.instant(5))),
                        owner.toString(),
                        afterSequence,
                        limit));
    }

    @Override
    public int deleteReceivedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return database.write(
                EmsgTables.PROTOCOL,
                "deleteInbox",
                c -> update(c, "DELETE FROM emsg_inbox WHERE received_at <= ?", cutoff));
    }
}
