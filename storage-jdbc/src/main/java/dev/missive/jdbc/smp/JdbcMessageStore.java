package dev.missive.jdbc.smp;

import static dev.missive.jdbc.Sql.queryList;
import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;

import dev.missive.jdbc.CombinedWork;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.Dialect;
import dev.missive.jdbc.Sql;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.Appended;
import dev.missive.smp.spi.MessageStore;
import dev.missive.smp.spi.StoredMessage;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link MessageStore} in an SQLite or PostgreSQL database (table {@code smp_messages}, migrations
 * of protocol {@value JdbcQueueStore#PROTOCOL}): one FIFO per queue ordered by an increasing
 * sequence number.
 *
 * <p>{@link #append} commits before it returns, so the server's {@code OK} follows a durable
 * write; concurrent appends share one commit and, on PostgreSQL, one statement ({@link
 * dev.missive.jdbc.CombinedWork}). There each append is one call of the function {@code smp_append}
 * (migration V4), which takes the queue's transaction-scoped advisory lock, counts and inserts, so
 * the quota holds and sequence order equals commit order even with several node instances on one
 * database; on SQLite, whose transactions the database itself serialises, a count and an insert.
 * {@link #deleteHeadAndPeek} removes the row in the transaction that answers the {@code ACK}, the
 * {@code ACK}s of one group in one statement on PostgreSQL.
 */
public final class JdbcMessageStore implements MessageStore {

    private static final String COUNT = "SELECT COUNT(*) FROM smp_messages WHERE recipient_id = ?";

    /** The queue's messages counted up to the quota: a full queue costs no more to count than one at the quota. */
    private static final String COUNT_UP_TO = """
            SELECT COUNT(*) FROM (SELECT 1 FROM smp_messages WHERE recipient_id = ? LIMIT ?) AS queued""";

    private static final String INSERT =
            "INSERT INTO smp_messages (recipient_id, msg_id, received_at, body) VALUES (?, ?, ?, ?)";

    /**
     * PostgreSQL: deletes each queue's head if it is the acknowledged message and returns each
     * queue's next head (NULLs when empty), one row per input in input order, in one statement:
     * {@code smp_ack} once per row (migration V5, which says why a function). (SQLite runs the two
     * statements in process.)
     */
    private static final String ACK_ALL = """
            SELECT k.next_msg_id, k.next_received_at, k.next_body
            FROM unnest(?::bytea[], ?::bytea[]) WITH ORDINALITY AS a(recipient_id, msg_id, ord)
            CROSS JOIN LATERAL smp_ack(a.recipient_id, a.msg_id) AS k
            ORDER BY a.ord""";

    /**
     * PostgreSQL: the appends of one group in one round trip, {@code smp_append} once per row in
     * the order of the arrays. The function is volatile, so each call reads a fresh snapshot that
     * includes the rows inserted by the calls before it.
     */
    private static final String APPEND_ALL = """
            SELECT smp_append(a.recipient_id, a.msg_id, a.received_at, a.body, a.quota, a.lock_key, ?, a.payload)
            FROM unnest(?::bytea[], ?::bytea[], ?::bigint[], ?::bytea[], ?::integer[], ?::bigint[], ?::text[])
                WITH ORDINALITY AS a(recipient_id, msg_id, received_at, body, quota, lock_key, payload, ord)
            ORDER BY a.ord""";

    /**
     * What a PostgreSQL append announces in its own transaction ({@link PostgresSmpCluster#messageStore}):
     * the {@code NOTIFY} channel, and the payload for a queue.
     */
    record AppendNotice(String channel, Function<QueueId, String> payload) {}

    private final Database database;
    private final AppendNotice notice;
    private final CombinedWork<Write, Object> writes = new GroupWrites();

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
        // An append's output is an Integer (GroupWrites): the messages queued before it, -1 if full.
        int queuedBefore = (Integer)
                database.write(JdbcQueueStore.PROTOCOL, "append", writes, new Append(recipientId, message, quota));
        return queuedBefore < 0 ? Appended.REFUSED_FULL : queuedBefore == 0 ? Appended.AS_HEAD : Appended.BEHIND_OTHERS;
    }

    /** A write of the group commit's {@link GroupWrites}: an append or an acknowledgement. */
    private sealed interface Write permits Append, Ack {}

    /** One {@code SEND}'s append. */
    private record Append(QueueId recipientId, StoredMessage message, int quota) implements Write {}

    /** One {@code ACK}'s delete. */
    private record Ack(QueueId recipientId, byte[] msgId) implements Write {}

    /**
     * The appends and acknowledgements of one group commit, appends first (the callers are
     * concurrent, so either order is one they could have seen). On PostgreSQL they are one statement,
     * {@link #APPEND_ALL} then {@link #ACK_ALL} in one round trip, which commits itself ({@link
     * CombinedWork#isOneStatement}), unless two acknowledgements are of one queue. An append's output
     * is an {@code Integer}, an acknowledgement's an {@code Optional<StoredMessage>}.
     */
    private final class GroupWrites implements CombinedWork<Write, Object> {

        @Override
        public List<Object> runAll(Connection c, List<Write> group) throws SQLException {
            List<Append> appends = only(Append.class, group);
            List<Ack> acks = only(Ack.class, group);
            List<?> appended;
            List<?> acked;
            if (!appends.isEmpty() && !acks.isEmpty() && isOneStatement(group)) {
                AppendCall call = new AppendCall(appends);
                List<List<Object>> results = Sql.queryEach(
                        c,
                        APPEND_ALL + ";\n" + ACK_ALL,
                        List.of(r -> r.intValue(1), JdbcMessageStore::nextHead),
                        concat(call.parameters(), ackParameters(acks)));
                appended = call.inInputOrder(results.get(0));
                acked = results.get(1);
            } else {
                appended = appends.isEmpty() ? List.of() : appendAll(c, appends);
                acked = acks.isEmpty() ? List.of() : ackAll(c, acks);
            }
            List<Object> outputs = new ArrayList<>(group.size());
            int nextAppend = 0;
            int nextAck = 0;
            for (Write write : group) {
                outputs.add(write instanceof Append ? appended.get(nextAppend++) : acked.get(nextAck++));
            }
            return outputs;
        }

        @Override
        public boolean isOneStatement(List<Write> group) {
            return database.dialect() == Dialect.POSTGRESQL && distinctQueues(only(Ack.class, group));
        }

        /** The writes of {@code group} of one kind, in the group's order. */
        private static <W extends Write> List<W> only(Class<W> kind, List<Write> group) {
            return group.stream().filter(kind::isInstance).map(kind::cast).toList();
        }
    }

    private static Object[] concat(Object[] first, Object[] second) {
        Object[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /**
     * The appends of one group: on PostgreSQL one statement that calls {@code smp_append} for each,
     * in the order of their lock keys, so the appends of two instances' groups never take their
     * queues' locks in opposite orders (any other deadlock between groups PostgreSQL detects, and
     * the group's units run again alone); on SQLite a count and an insert each. Returns, per append, the
     * messages queued before it, or -1 if its queue was full.
     */
    private List<Integer> appendAll(Connection c, List<Append> appends) throws SQLException {
        if (database.dialect() != Dialect.POSTGRESQL) {
            List<Integer> queuedBefore = new ArrayList<>(appends.size());
            for (Append append : appends) {
                queuedBefore.add(appendWithinQuota(c, append.recipientId(), append.message(), append.quota()));
            }
            return queuedBefore;
        }
        AppendCall call = new AppendCall(appends);
        return call.inInputOrder(queryList(c, APPEND_ALL, r -> r.intValue(1), call.parameters()));
    }

    /** The parameters of {@link #APPEND_ALL} for a group's appends, which it takes in lock-key order. */
    private final class AppendCall {
        private final Integer[] byLockKey;
        private final Object[] parameters;

        AppendCall(List<Append> appends) {
            int n = appends.size();
            byLockKey = new Integer[n];
            for (int i = 0; i < n; i++) {
                byLockKey[i] = i;
            }
            Arrays.sort(
                    byLockKey,
                    Comparator.comparingLong(i -> lockKey(appends.get(i).recipientId())));
            byte[][] recipientIds = new byte[n][];
            byte[][] msgIds = new byte[n][];
            Long[] receivedAt = new Long[n];
            byte[][] bodies = new byte[n][];
            Integer[] quotas = new Integer[n];
            Long[] lockKeys = new Long[n];
            String[] payloads = new String[n];
            for (int k = 0; k < n; k++) {
                Append append = appends.get(byLockKey[k]);
                recipientIds[k] = append.recipientId().bytes();
                msgIds[k] = append.message().msgId();
                receivedAt[k] = Sql.epochNanos(append.message().receivedAt());
                bodies[k] = append.message().body();
                quotas[k] = append.quota();
                lockKeys[k] = lockKey(append.recipientId());
                payloads[k] = notice == null ? null : notice.payload().apply(append.recipientId());
            }
            parameters = new Object[] {
                notice == null ? null : notice.channel(),
                recipientIds,
                msgIds,
                receivedAt,
                bodies,
                quotas,
                lockKeys,
                payloads
            };
        }

        Object[] parameters() {
            return parameters;
        }

        /** The statement's results, one per append in lock-key order, back in the appends' order. */
        List<Integer> inInputOrder(List<?> inLockOrder) {
            Integer[] queuedBefore = new Integer[byLockKey.length];
            for (int k = 0; k < byLockKey.length; k++) {
                queuedBefore[byLockKey[k]] = (Integer) inLockOrder.get(k);
            }
            return List.of(queuedBefore);
        }
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
     * inside the unit's transaction, so it is exactly what the committed state holds next. On
     * PostgreSQL the acknowledgements of one group are one statement ({@link #ACK_ALL}).
     */
    @Override
    public Optional<StoredMessage> deleteHeadAndPeek(QueueId recipientId, byte[] msgId) {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(msgId, "msgId");
        @SuppressWarnings("unchecked") // an acknowledgement's output (GroupWrites)
        Optional<StoredMessage> next = (Optional<StoredMessage>)
                database.write(JdbcQueueStore.PROTOCOL, "deleteHeadAndPeek", writes, new Ack(recipientId, msgId));
        return next;
    }

    /**
     * The acknowledgements of one group, each answered with its queue's next head. One statement on
     * PostgreSQL when the queues differ, as they do within one server, whose queue lock keeps a
     * second {@code ACK} of a queue waiting until the first is committed; otherwise one at a time.
     */
    private List<Optional<StoredMessage>> ackAll(Connection c, List<Ack> acks) throws SQLException {
        if (database.dialect() == Dialect.POSTGRESQL && distinctQueues(acks)) {
            return queryList(c, ACK_ALL, JdbcMessageStore::nextHead, ackParameters(acks));
        }
        List<Optional<StoredMessage>> next = new ArrayList<>(acks.size());
        for (Ack ack : acks) {
            deleteHead(c, ack.recipientId(), ack.msgId());
            next.add(head(c, ack.recipientId()));
        }
        return next;
    }

    private static boolean distinctQueues(List<Ack> acks) {
        return acks.stream().map(Ack::recipientId).distinct().count() == acks.size();
    }

    /** The parameters of {@link #ACK_ALL}. */
    private static Object[] ackParameters(List<Ack> acks) {
        byte[][] recipientIds = new byte[acks.size()][];
        byte[][] msgIds = new byte[acks.size()][];
        for (int i = 0; i < acks.size(); i++) {
            recipientIds[i] = acks.get(i).recipientId().bytes();
            msgIds[i] = acks.get(i).msgId();
        }
        return new Object[] {recipientIds, msgIds};
    }

    /** A row of {@link #ACK_ALL}: the queue's next head, or empty (NULLs). */
    private static Optional<StoredMessage> nextHead(Sql.Row r) throws SQLException {
        return r.bytes(1) == null
                ? Optional.empty()
                : Optional.of(new StoredMessage(r.bytes(1), r.instant(2), r.bytes(3)));
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
