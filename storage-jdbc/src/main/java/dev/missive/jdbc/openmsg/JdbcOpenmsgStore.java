package dev.missive.jdbc.openmsg;

import static dev.missive.jdbc.Sql.queryList;
import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;

import dev.missive.crypto.ConstantTime;
import dev.missive.crypto.Secret;
import dev.missive.jdbc.CombinedWork;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.Dialect;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.jdbc.Sql;
import dev.missive.jdbc.SqlWork;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OpenmsgConnection;
import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.openmsg.spi.OpenmsgUser;
import dev.missive.openmsg.spi.OutboundMessage;
import dev.missive.openmsg.spi.OutboundStatus;
import dev.missive.openmsg.spi.PassCodeCheck;
import dev.missive.openmsg.spi.PendingHandshake;
import dev.missive.openmsg.spi.ReceivingConnection;
import dev.missive.openmsg.spi.SendingUser;
import dev.missive.spi.ReplayGuardStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link OpenmsgStore} in SQLite or PostgreSQL (migrations of protocol {@value #PROTOCOL}, after
 * those of the shared replay guard).
 *
 * <p>Every method that changes state is one transaction, group-committed with concurrent ones
 * ({@link Database#write}) and durable when it returns; queries run outside the writer
 * ({@link Database#read}). So a node and an operator
 * CLI process, or several node instances, can share one database: a CLI that writes a pending
 * handshake or a sent message makes it visible to the node that receives the peer's callback. The
 * races that matter are settled by the database, not by locks in this process:
 * <ul>
 *   <li>replay guard: the hash goes into the shared {@code replay_guard} table through
 *       {@link JdbcReplayGuardStore#recordIfAbsent(java.sql.Connection, String, String, Instant, Instant)}
 *       in the same transaction as the inbox insert (on PostgreSQL in the same statement, the guard
 *       insert in a {@code WITH} and the inbox row only if it recorded the hash), so a message is
 *       stored exactly when its hash is recorded;</li>
 *   <li>confirmations and pending handshakes: conditional {@code UPDATE}/{@code DELETE} whose update
 *       count decides, so two concurrent confirmations cannot both succeed (a confirmation claims
 *       the pending row with {@code UPDATE ... RETURNING}, compares the nonce in constant time and
 *       undoes the claim in the same transaction if it does not match);</li>
 *   <li>pass codes: the user's row is locked ({@code FOR UPDATE} on PostgreSQL; SQLite serialises
 *       writers) while codes are compared in constant time and burned.</li>
 * </ul>
 * Instants are stored as {@link Sql#epochNanos epoch nanoseconds}, so they round-trip exactly.
 *
 * <p>A delivered message costs six statements when both nodes use this store: the sender reads its
 * user and connection in one query ({@link #sendingUser}), records the message, and marks it
 * delivered; the recipient reads the connection with the replay flag in one query ({@link
 * #receivingConnection}) and accepts the message in one statement (two on SQLite, in process); the
 * sender's confirmation is one statement.
 */
public final class JdbcOpenmsgStore implements OpenmsgStore {

    /** The migration name of the Openmsg tables ({@code classpath:db/missive/openmsg/<dialect>}). */
    public static final String PROTOCOL = "openmsg";

    /** The replay-guard scope of the hashes of accepted messages. */
    static final String MESSAGE_HASH_SCOPE = "openmsg.message_hash";

    private static final String CONNECTION_FIELDS = """
            self_address, other_address, other_name, other_accepts_messages, auth_code, ident_code,
                message_crypt_key, created_at""";

    private static final String CONNECTION_COLUMNS = "SELECT " + CONNECTION_FIELDS + " FROM openmsg_connections";

    /** The newest connection of {@code self} with an ident code (parameters: self, ident code). */
    private static final String BY_IDENT_CODE = " WHERE self_address = ? AND ident_code = ? ORDER BY created_at DESC";

    /** {@link #sendingUser}: the user and, if there is one, its connection to the peer (one query). */
    private static final String SENDING_USER = """
            SELECT u.id, u.display_name, c.self_address, c.other_address, c.other_name, c.other_accepts_messages,
                c.auth_code, c.ident_code, c.message_crypt_key, c.created_at
            FROM openmsg_users u
            LEFT JOIN openmsg_connections c ON c.self_address = ? AND c.other_address = ?
            WHERE u.id = ?""";

    /** {@link #receivingConnection}: the connection and whether the hash is guarded (one query). */
    private static final String RECEIVING_CONNECTION = "SELECT " + CONNECTION_FIELDS + ", "
            + JdbcReplayGuardStore.IS_RECORDED
            + " FROM openmsg_connections" + BY_IDENT_CODE;

    /**
     * {@link #acceptInbound} on PostgreSQL, one statement: the guard entry, and the inbox row only if
     * the entry was recorded (the update count says which). SQLite has no {@code INSERT} in {@code
     * WITH}; it runs the two statements in process.
     */
    private static final String ACCEPT_INBOUND_POSTGRESQL =
            "WITH guarded AS (" + JdbcReplayGuardStore.RECORD_IF_ABSENT + " RETURNING 1) " + """
            INSERT INTO openmsg_inbox (recipient, sender, sender_name, message_hash, text, sent_at, received_at)
            SELECT ?, ?, ?, ?, ?, ?, ? FROM guarded""";

    private static final String INSERT_INBOX = """
            INSERT INTO openmsg_inbox (recipient, sender, sender_name, message_hash, text, sent_at, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private final Database database;
    private final JdbcReplayGuardStore guard;

    // Writes that the group commit combines: every message delivered makes one of each, so a group of
    // concurrent deliveries costs one round trip per kind instead of one per message.
    private final CombinedWork<OutboundMessage, Integer> addOutbound =
            CombinedWork.eachInOneBatch("""
            INSERT INTO openmsg_outbound (message_hash, sender, recipient, message_nonce, text, created_at,
                confirmable_until, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (message_hash) DO NOTHING""", message -> new Object[] {
                message.messageHash(),
                message.sender().toString(),
                message.recipient().toString(),
                message.messageNonce(),
                message.text(),
                message.createdAt(),
                message.confirmableUntil(),
                message.status()
            });
    private final CombinedWork<Completion, Integer> completeOutbound =
            CombinedWork.eachInOneBatch("UPDATE openmsg_outbound SET status = ? WHERE message_hash = ?", completion ->
                    new Object[] {completion.status(), completion.messageHash()});
    private final CombinedWork<Inbound, Boolean> acceptInbound = this::acceptAll;

    /**
     * Creates the store on {@code database}, migrating the replay guard's tables and then its own
     * first if needed (the Openmsg migrations move old guard rows into the shared table).
     *
     * @param database the database whose tables the store uses
     */
    public JdbcOpenmsgStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.guard = new JdbcReplayGuardStore(database);
        database.migrate(PROTOCOL);
    }

    /** A state change, group-committed: returns once it is durable. */
    private <T> T write(String operation, SqlWork<T> work) {
        return database.write(PROTOCOL, operation, work);
    }

    /** Queries only: no transaction, no write lock. */
    private <T> T read(String operation, SqlWork<T> work) {
        return database.read(PROTOCOL, operation, work);
    }

    // ---- users ---------------------------------------------------------------------------------------

    @Override
    public void putUser(OpenmsgUser user) {
        Objects.requireNonNull(user, "user");
        write("putUser", c -> update(c, """
                INSERT INTO openmsg_users (id, display_name) VALUES (?, ?)
                ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name""", user.id(), user.displayName()));
    }

    @Override
    public Optional<OpenmsgUser> user(String id) {
        return read(
                "user",
                c -> queryOne(
                        c,
                        "SELECT id, display_name FROM openmsg_users WHERE id = ?",
                        r -> new OpenmsgUser(r.string(1), r.string(2)),
                        id));
    }

    // ---- pass codes ----------------------------------------------------------------------------------

    @Override
    public void addPassCode(String userId, Secret code, Instant issuedAt, Instant expiresAt) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        write("addPassCode", c -> {
            update(
                    c,
                    "INSERT INTO openmsg_pass_codes (user_id, code, issued_at, expires_at) VALUES (?, ?, ?, ?)",
                    userId,
                    code.revealText(),
                    issuedAt,
                    expiresAt);
            return update(c, "UPDATE openmsg_users SET pass_code_failures = 0 WHERE id = ?", userId);
        });
    }

    private record StoredCode(long seq, String code, Instant expiresAt) {}

    @Override
    public PassCodeCheck usePassCode(String userId, Secret presented, Instant now, int maxFailures) {
        Objects.requireNonNull(presented, "presented");
        Objects.requireNonNull(now, "now");
        return write("usePassCode", c -> {
            // The user's row stays locked for the rest of the transaction.
            String lock = database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
            Optional<Integer> failures = queryOne(
                    c, "SELECT pass_code_failures FROM openmsg_users WHERE id = ?" + lock, r -> r.intValue(1), userId);
            if (failures.isEmpty()) {
                return PassCodeCheck.REJECTED;
            }
            StoredCode match = null;
            for (StoredCode candidate : queryList(
                    c,
                    "SELECT seq, code, expires_at FROM openmsg_pass_codes WHERE user_id = ? ORDER BY seq",
                    r -> new StoredCode(r.longValue(1), r.string(2), r.instant(3)),
                    userId)) {
                // Every code is compared, so the time taken does not depend on which one matches.
                if (presented.matchesText(candidate.code()) && match == null) {
                    match = candidate;
                }
            }
            if (match != null) {
                update(c, "DELETE FROM openmsg_pass_codes WHERE seq = ?", match.seq());
                if (now.isBefore(match.expiresAt())) {
                    update(c, "UPDATE openmsg_users SET pass_code_failures = 0 WHERE id = ?", userId);
                    return PassCodeCheck.ACCEPTED;
                }
                return PassCodeCheck.EXPIRED;
            }
            int failed = failures.get() + 1;
            if (failed >= maxFailures) {
                update(c, "DELETE FROM openmsg_pass_codes WHERE user_id = ?", userId);
                update(c, "UPDATE openmsg_users SET pass_code_failures = 0 WHERE id = ?", userId);
                return PassCodeCheck.LOCKED_OUT;
            }
            update(c, "UPDATE openmsg_users SET pass_code_failures = ? WHERE id = ?", failed, userId);
            return PassCodeCheck.REJECTED;
        });
    }

    // ---- pending handshakes --------------------------------------------------------------------------

    @Override
    public void putPendingHandshake(PendingHandshake handshake) {
        Objects.requireNonNull(handshake, "handshake");
        write(
                "putPendingHandshake",
                c -> update(
                        c,
                        """
                INSERT INTO openmsg_pending_handshakes (initiator, acceptor, passcode_hash, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (initiator, acceptor) DO UPDATE SET passcode_hash = excluded.passcode_hash,
                    created_at = excluded.created_at, expires_at = excluded.expires_at""",
                        handshake.initiator().toString(),
                        handshake.acceptor().toString(),
                        handshake.passcodeHash().revealText(),
                        handshake.createdAt(),
                        handshake.expiresAt()));
    }

    @Override
    public List<PendingHandshake> pendingHandshakes(OpenmsgAddress acceptor) {
        Objects.requireNonNull(acceptor, "acceptor");
        return read(
                "pendingHandshakes",
                c -> queryList(
                        c,
                        """
                SELECT initiator, acceptor, passcode_hash, created_at, expires_at
                FROM openmsg_pending_handshakes WHERE acceptor = ? ORDER BY created_at, seq""",
                        r -> new PendingHandshake(
                                OpenmsgAddress.parse(r.string(1)),
                                OpenmsgAddress.parse(r.string(2)),
                                Secret.ofText(r.string(3)),
                                r.instant(4),
                                r.instant(5)),
                        acceptor.toString()));
    }

    private record StoredHash(long seq, String hash) {}

    @Override
    public boolean removePendingHandshake(OpenmsgAddress initiator, OpenmsgAddress acceptor, Secret passcodeHash) {
        Objects.requireNonNull(passcodeHash, "passcodeHash");
        String from = initiator.toString();
        String to = acceptor.toString();
        return write("removePendingHandshake", c -> {
            Optional<StoredHash> stored = queryOne(
                    c,
                    "SELECT seq, passcode_hash FROM openmsg_pending_handshakes WHERE initiator = ? AND acceptor = ?",
                    r -> new StoredHash(r.longValue(1), r.string(2)),
                    from,
                    to);
            if (stored.isEmpty() || !passcodeHash.matchesText(stored.get().hash())) {
                return false;
            }
            // The update count decides between two concurrent confirmations of the same handshake.
            return update(
                            c,
                            "DELETE FROM openmsg_pending_handshakes WHERE seq = ?",
                            stored.get().seq())
                    == 1;
        });
    }

    // ---- connections ---------------------------------------------------------------------------------

    @Override
    public void putConnection(OpenmsgConnection connection) {
        Objects.requireNonNull(connection, "connection");
        write(
                "putConnection",
                c -> update(
                        c,
                        """
                INSERT INTO openmsg_connections (self_address, other_address, other_name, other_accepts_messages,
                    auth_code, ident_code, message_crypt_key, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (self_address, other_address) DO UPDATE SET other_name = excluded.other_name,
                    other_accepts_messages = excluded.other_accepts_messages, auth_code = excluded.auth_code,
                    ident_code = excluded.ident_code, message_crypt_key = excluded.message_crypt_key,
                    created_at = excluded.created_at""",
                        connection.self().toString(),
                        connection.other().toString(),
                        connection.otherName(),
                        connection.otherAcceptsMessages(),
                        connection.authCode().revealText(),
                        connection.identCode().revealText(),
                        connection.messageCryptKey().revealText(),
                        connection.createdAt()));
    }

    @Override
    public Optional<OpenmsgConnection> connection(OpenmsgAddress self, OpenmsgAddress other) {
        return read(
                "connection",
                c -> queryOne(
                        c,
                        CONNECTION_COLUMNS + " WHERE self_address = ? AND other_address = ?",
                        JdbcOpenmsgStore::connectionOf,
                        self.toString(),
                        other.toString()));
    }

    @Override
    public Optional<OpenmsgConnection> connectionByIdentCode(OpenmsgAddress self, Secret identCode) {
        Objects.requireNonNull(identCode, "identCode");
        return read(
                "connectionByIdentCode",
                c -> queryOne(
                        c,
                        CONNECTION_COLUMNS + BY_IDENT_CODE,
                        JdbcOpenmsgStore::connectionOf,
                        self.toString(),
                        identCode.revealText()));
    }

    @Override
    public Optional<SendingUser> sendingUser(OpenmsgAddress self, OpenmsgAddress other) {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(other, "other");
        return read(
                "sendingUser",
                c -> queryOne(
                        c,
                        SENDING_USER,
                        r -> new SendingUser(
                                new OpenmsgUser(r.string(1), r.string(2)),
                                // No connection row: the LEFT JOIN gives NULL in every connection column.
                                r.string(3) == null ? Optional.empty() : Optional.of(connectionOf(r, 3))),
                        self.toString(),
                        other.toString(),
                        self.id()));
    }

    @Override
    public Optional<ReceivingConnection> receivingConnection(
            OpenmsgAddress self, Secret identCode, String messageHash, Instant now) {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(identCode, "identCode");
        Objects.requireNonNull(messageHash, "messageHash");
        Objects.requireNonNull(now, "now");
        return read(
                "receivingConnection",
                c -> queryOne(
                        c,
                        RECEIVING_CONNECTION,
                        r -> new ReceivingConnection(connectionOf(r), r.bool(9)),
                        MESSAGE_HASH_SCOPE,
                        messageHash,
                        now,
                        self.toString(),
                        identCode.revealText()));
    }

    private static OpenmsgConnection connectionOf(Sql.Row r) throws SQLException {
        return connectionOf(r, 1);
    }

    /** The connection in the eight columns from {@code first} on, in the order of {@link #CONNECTION_FIELDS}. */
    private static OpenmsgConnection connectionOf(Sql.Row r, int first) throws SQLException {
        return new OpenmsgConnection(
                OpenmsgAddress.parse(r.string(first)),
                OpenmsgAddress.parse(r.string(first + 1)),
                r.string(first + 2),
                r.bool(first + 3),
                Secret.ofText(r.string(first + 4)),
                Secret.ofText(r.string(first + 5)),
                Secret.ofText(r.string(first + 6)),
                r.instant(first + 7));
    }

    // ---- messages we sent ----------------------------------------------------------------------------

    @Override
    public void addOutbound(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        if (database.write(PROTOCOL, "addOutbound", addOutbound, message) == 0) {
            throw new IllegalStateException("duplicate message hash");
        }
    }

    private record Confirmable(String nonce, Instant until) {}

    @Override
    public boolean confirmOutbound(String messageHash, String messageNonce, Instant now) {
        Objects.requireNonNull(messageHash, "messageHash");
        Objects.requireNonNull(messageNonce, "messageNonce");
        Objects.requireNonNull(now, "now");
        return write("confirmOutbound", c -> {
            // One statement when the confirmation is good: the conditional UPDATE claims the row (of two
            // concurrent confirmations only one changes it) and returns what Java then checks, the
            // nonce in constant time. A claim that fails the checks is undone in the same transaction,
            // so no other transaction ever sees it and the row stays PENDING.
            Optional<Confirmable> claimed = queryOne(
                    c,
                    """
                    UPDATE openmsg_outbound SET status = ? WHERE message_hash = ? AND status = ?
                    RETURNING message_nonce, confirmable_until""",
                    r -> new Confirmable(r.string(1), r.instant(2)),
                    OutboundStatus.CONFIRMED,
                    messageHash,
                    OutboundStatus.PENDING);
            if (claimed.isEmpty()) {
                return false;
            }
            if (ConstantTime.equals(claimed.get().nonce(), messageNonce)
                    && !now.isAfter(claimed.get().until())) {
                return true;
            }
            update(
                    c,
                    "UPDATE openmsg_outbound SET status = ? WHERE message_hash = ?",
                    OutboundStatus.PENDING,
                    messageHash);
            return false;
        });
    }

    @Override
    public void completeOutbound(String messageHash, OutboundStatus status) {
        Objects.requireNonNull(status, "status");
        database.write(PROTOCOL, "completeOutbound", completeOutbound, new Completion(messageHash, status));
    }

    private record Completion(String messageHash, OutboundStatus status) {}

    @Override
    public List<OutboundMessage> outbound(OpenmsgAddress sender) {
        Objects.requireNonNull(sender, "sender");
        return read(
                "outbound",
                c -> queryList(
                        c,
                        """
                SELECT sender, recipient, message_hash, message_nonce, text, created_at, confirmable_until, status
                FROM openmsg_outbound WHERE sender = ? ORDER BY created_at, seq""",
                        r -> new OutboundMessage(
                                OpenmsgAddress.parse(r.string(1)),
                                OpenmsgAddress.parse(r.string(2)),
                                r.string(3),
                                r.string(4),
                                r.string(5),
                                r.instant(6),
                                r.instant(7),
                                OutboundStatus.valueOf(r.string(8))),
                        sender.toString()));
    }

    // ---- messages we received ------------------------------------------------------------------------

    @Override
    public boolean isReplay(String messageHash, Instant now) {
        Objects.requireNonNull(messageHash, "messageHash");
        return read("isReplay", c -> guard.isRecorded(c, MESSAGE_HASH_SCOPE, messageHash, now));
    }

    @Override
    public boolean acceptInbound(InboxMessage message, Instant guardExpiresAt) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(guardExpiresAt, "guardExpiresAt");
        // The checks recordIfAbsent makes, made here for the single statement too.
        ReplayGuardStore.checkRecordArguments(
                MESSAGE_HASH_SCOPE, message.messageHash(), guardExpiresAt, message.receivedAt());
        return database.write(PROTOCOL, "acceptInbound", acceptInbound, new Inbound(message, guardExpiresAt));
    }

    private record Inbound(InboxMessage message, Instant guardExpiresAt) {}

    private static Object[] inboxRow(InboxMessage message) {
        return new Object[] {
            message.recipient().toString(),
            message.sender().toString(),
            message.senderName(),
            message.messageHash(),
            message.text(),
            message.sentAt(),
            message.receivedAt()
        };
    }

    /**
     * The accepted messages of one group: on PostgreSQL one statement each ({@link
     * #ACCEPT_INBOUND_POSTGRESQL}), all in one batch; on SQLite, which has no {@code INSERT} in
     * {@code WITH}, the guard entry and then the inbox row if the entry was recorded, in process.
     */
    private List<Boolean> acceptAll(Connection c, List<Inbound> inbound) throws SQLException {
        List<Boolean> accepted = new ArrayList<>(inbound.size());
        if (database.dialect() == Dialect.POSTGRESQL) {
            List<Object[]> rows = new ArrayList<>(inbound.size());
            for (Inbound in : inbound) {
                Object[] parameters = new Object[4 + 7];
                parameters[0] = MESSAGE_HASH_SCOPE;
                parameters[1] = in.message().messageHash();
                parameters[2] = in.guardExpiresAt();
                parameters[3] = in.message().receivedAt();
                System.arraycopy(inboxRow(in.message()), 0, parameters, 4, 7);
                rows.add(parameters);
            }
            for (int count : Sql.updateEach(c, ACCEPT_INBOUND_POSTGRESQL, rows)) {
                accepted.add(count == 1);
            }
            return accepted;
        }
        for (Inbound in : inbound) {
            InboxMessage message = in.message();
            boolean recorded = guard.recordIfAbsent(
                    c, MESSAGE_HASH_SCOPE, message.messageHash(), in.guardExpiresAt(), message.receivedAt());
            if (recorded) {
                update(c, INSERT_INBOX, inboxRow(message));
            }
            accepted.add(recorded);
        }
        return accepted;
    }

    @Override
    public List<InboxMessage> inbox(OpenmsgAddress recipient) {
        Objects.requireNonNull(recipient, "recipient");
        return read(
                "inbox",
                c -> queryList(
                        c,
                        """
                SELECT recipient, sender, sender_name, message_hash, text, sent_at, received_at
                FROM openmsg_inbox WHERE recipient = ? ORDER BY received_at, seq""",
                        r -> new InboxMessage(
                                OpenmsgAddress.parse(r.string(1)),
                                OpenmsgAddress.parse(r.string(2)),
                                r.string(3),
                                r.string(4),
                                r.string(5),
                                r.instant(6),
                                r.instant(7)),
                        recipient.toString()));
    }

    // ---- housekeeping --------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>The replay guard's table is shared: its purge removes the expired entries of every scope.
     */
    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return write(
                "purgeExpired",
                c -> update(c, "DELETE FROM openmsg_pass_codes WHERE expires_at <= ?", now)
                        + update(c, "DELETE FROM openmsg_pending_handshakes WHERE expires_at <= ?", now)
                        + guard.purgeExpired(c, now));
    }

    // ---- node domains (not part of the SPI: for tools that share the database) ---------------------

    /**
     * Records that a node for {@code domain} serves from this database (idempotent). Operator tools
     * that share the database read it back with {@link #nodeDomains()} to address bare user ids.
     *
     * @param domain the node's domain
     * @param now the registration time, kept only for the first registration of the domain
     */
    public void registerNodeDomain(String domain, Instant now) {
        if (!OpenmsgAddress.isValidDomain(domain)) {
            throw new IllegalArgumentException("invalid domain");
        }
        Objects.requireNonNull(now, "now");
        write(
                "registerNodeDomain",
                c -> update(
                        c,
                        "INSERT INTO openmsg_node_domains (domain, registered_at) VALUES (?, ?) "
                                + "ON CONFLICT (domain) DO NOTHING",
                        domain.toLowerCase(Locale.ROOT),
                        now));
    }

    /**
     * The domains registered with {@link #registerNodeDomain}, in registration order.
     *
     * @return the domains, possibly empty
     */
    public List<String> nodeDomains() {
        return read(
                "nodeDomains",
                c -> queryList(
                        c, "SELECT domain FROM openmsg_node_domains ORDER BY registered_at, domain", r -> r.string(1)));
    }
}
