package dev.missive.jdbc.openmsg;

import dev.missive.crypto.ConstantTime;
import dev.missive.crypto.Secret;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.Dialect;
import dev.missive.jdbc.SqlWork;
import dev.missive.jdbc.Transactions;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OpenmsgConnection;
import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.openmsg.spi.OpenmsgUser;
import dev.missive.openmsg.spi.OutboundMessage;
import dev.missive.openmsg.spi.OutboundStatus;
import dev.missive.openmsg.spi.PassCodeCheck;
import dev.missive.openmsg.spi.PendingHandshake;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An {@link OpenmsgStore} in SQLite or PostgreSQL (migrations of protocol {@value #PROTOCOL}).
 *
 * <p>Every method is one transaction ({@link Transactions#inTransaction}), so a node and an operator
 * CLI process, or several node instances, can share one database: a CLI that writes a pending
 * handshake or a sent message makes it visible to the node that receives the peer's callback. The
 * races that matter are settled by the database, not by locks in this process:
 * <ul>
 *   <li>replay guard: {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expired} on the hash's
 *       primary key; the update count says whether this call accepted the message;</li>
 *   <li>confirmations and pending handshakes: conditional {@code UPDATE}/{@code DELETE} whose update
 *       count decides, so two concurrent confirmations cannot both succeed;</li>
 *   <li>pass codes: the user's row is locked ({@code FOR UPDATE} on PostgreSQL; SQLite serialises
 *       writers) while codes are compared in constant time and burned.</li>
 * </ul>
 * Instants are stored as epoch nanoseconds (saturated outside 1677–2262), so they round-trip exactly.
 */
public final class JdbcOpenmsgStore implements OpenmsgStore {

    /** The migration name of the Openmsg tables ({@code classpath:db/missive/openmsg/<dialect>}). */
    public static final String PROTOCOL = "openmsg";

    private final DataSource dataSource;
    private final Dialect dialect;

    /** Creates the store on {@code database}, migrating its tables first if needed. */
    public JdbcOpenmsgStore(Database database) {
        Objects.requireNonNull(database, "database");
        database.migrate(PROTOCOL);
        this.dataSource = database.dataSource();
        this.dialect = database.dialect();
    }

    private <T> T tx(SqlWork<T> work) {
        return Transactions.inTransaction(dataSource, work);
    }

    // ---- users ---------------------------------------------------------------------------------------

    @Override
    public void putUser(OpenmsgUser user) {
        Objects.requireNonNull(user, "user");
        tx(c -> update(c, """
                INSERT INTO openmsg_users (id, display_name) VALUES (?, ?)
                ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name""",
                user.id(), user.displayName()));
    }

    @Override
    public Optional<OpenmsgUser> user(String id) {
        return tx(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, display_name FROM openmsg_users WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new OpenmsgUser(r.getString(1), r.getString(2))) : Optional.empty();
                }
            }
        });
    }

    // ---- pass codes ----------------------------------------------------------------------------------

    @Override
    public void addPassCode(String userId, Secret code, Instant issuedAt, Instant expiresAt) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        tx(c -> {
            update(c, "INSERT INTO openmsg_pass_codes (user_id, code, issued_at, expires_at) VALUES (?, ?, ?, ?)",
                    userId, code.revealText(), nanos(issuedAt), nanos(expiresAt));
            return update(c, "UPDATE openmsg_users SET pass_code_failures = 0 WHERE id = ?", userId);
        });
    }

    @Override
    public PassCodeCheck usePassCode(String userId, Secret presented, Instant now, int maxFailures) {
        Objects.requireNonNull(presented, "presented");
        long current = nanos(now);
        return tx(c -> {
            Optional<Integer> failures = lockUserFailures(c, userId);
            if (failures.isEmpty()) {
                return PassCodeCheck.REJECTED;
            }
            long matchSeq = -1;
            long matchExpiresAt = 0;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT seq, code, expires_at FROM openmsg_pass_codes WHERE user_id = ? ORDER BY seq")) {
                s.setString(1, userId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        // Every code is compared, so the time taken does not depend on which one matches.
                        if (presented.matchesText(r.getString(2)) && matchSeq < 0) {
                            matchSeq = r.getLong(1);
                            matchExpiresAt = r.getLong(3);
                        }
                    }
                }
            }
            if (matchSeq >= 0) {
                update(c, "DELETE FROM openmsg_pass_codes WHERE seq = ?", matchSeq);
                if (current < matchExpiresAt) {
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

    /** The user's failure counter, with the user's row locked for the rest of the transaction. */
    private Optional<Integer> lockUserFailures(Connection c, String userId) throws SQLException {
        String lock = dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
        try (PreparedStatement s = c.prepareStatement(
                "SELECT pass_code_failures FROM openmsg_users WHERE id = ?" + lock)) {
            s.setString(1, userId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getInt(1)) : Optional.empty();
            }
        }
    }

    // ---- pending handshakes --------------------------------------------------------------------------

    @Override
    public void putPendingHandshake(PendingHandshake handshake) {
        Objects.requireNonNull(handshake, "handshake");
        tx(c -> update(c, """
                INSERT INTO openmsg_pending_handshakes (initiator, acceptor, passcode_hash, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (initiator, acceptor) DO UPDATE SET passcode_hash = excluded.passcode_hash,
                    created_at = excluded.created_at, expires_at = excluded.expires_at""",
                handshake.initiator().toString(), handshake.acceptor().toString(), handshake.passcodeHash().revealText(),
                nanos(handshake.createdAt()), nanos(handshake.expiresAt())));
    }

    @Override
    public List<PendingHandshake> pendingHandshakes(OpenmsgAddress acceptor) {
        Objects.requireNonNull(acceptor, "acceptor");
        return tx(c -> {
            List<PendingHandshake> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT initiator, acceptor, passcode_hash, created_at, expires_at
                    FROM openmsg_pending_handshakes WHERE acceptor = ? ORDER BY created_at, seq""")) {
                s.setString(1, acceptor.toString());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new PendingHandshake(OpenmsgAddress.parse(r.getString(1)),
                                OpenmsgAddress.parse(r.getString(2)), Secret.ofText(r.getString(3)), instant(r.getLong(4)),
                                instant(r.getLong(5))));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public boolean removePendingHandshake(OpenmsgAddress initiator, OpenmsgAddress acceptor, Secret passcodeHash) {
        Objects.requireNonNull(passcodeHash, "passcodeHash");
        String from = initiator.toString();
        String to = acceptor.toString();
        return tx(c -> {
            long seq;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT seq, passcode_hash FROM openmsg_pending_handshakes WHERE initiator = ? AND acceptor = ?")) {
                s.setString(1, from);
                s.setString(2, to);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next() || !passcodeHash.matchesText(r.getString(2))) {
                        return false;
                    }
                    seq = r.getLong(1);
                }
            }
            // The update count decides between two concurrent confirmations of the same handshake.
            return update(c, "DELETE FROM openmsg_pending_handshakes WHERE seq = ?", seq) == 1;
        });
    }

    // ---- connections ---------------------------------------------------------------------------------

    @Override
    public void putConnection(OpenmsgConnection connection) {
        Objects.requireNonNull(connection, "connection");
        tx(c -> update(c, """
                INSERT INTO openmsg_connections (self_address, other_address, other_name, other_accepts_messages,
                    auth_code, ident_code, message_crypt_key, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (self_address, other_address) DO UPDATE SET other_name = excluded.other_name,
                    other_accepts_messages = excluded.other_accepts_messages, auth_code = excluded.auth_code,
                    ident_code = excluded.ident_code, message_crypt_key = excluded.message_crypt_key,
                    created_at = excluded.created_at""",
                connection.self().toString(), connection.other().toString(), connection.otherName(),
                connection.otherAcceptsMessages(), connection.authCode().revealText(),
                connection.identCode().revealText(), connection.messageCryptKey().revealText(),
                nanos(connection.createdAt())));
    }

    private static final String CONNECTION_COLUMNS = """
            SELECT self_address, other_address, other_name, other_accepts_messages, auth_code, ident_code,
                message_crypt_key, created_at FROM openmsg_connections""";

    @Override
    public Optional<OpenmsgConnection> connection(OpenmsgAddress self, OpenmsgAddress other) {
        return tx(c -> oneConnection(c, CONNECTION_COLUMNS + " WHERE self_address = ? AND other_address = ?",
                self.toString(), other.toString()));
    }

    @Override
    public Optional<OpenmsgConnection> connectionByIdentCode(OpenmsgAddress self, Secret identCode) {
        Objects.requireNonNull(identCode, "identCode");
        return tx(c -> oneConnection(c,
                CONNECTION_COLUMNS + " WHERE self_address = ? AND ident_code = ? ORDER BY created_at DESC",
                self.toString(), identCode.revealText()));
    }

    private static Optional<OpenmsgConnection> oneConnection(Connection c, String sql, String first, String second)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, first);
            s.setString(2, second);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new OpenmsgConnection(OpenmsgAddress.parse(r.getString(1)),
                        OpenmsgAddress.parse(r.getString(2)), r.getString(3), r.getBoolean(4),
                        Secret.ofText(r.getString(5)), Secret.ofText(r.getString(6)), Secret.ofText(r.getString(7)),
                        instant(r.getLong(8))));
            }
        }
    }

    // ---- messages we sent ----------------------------------------------------------------------------

    @Override
    public void addOutbound(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        int inserted = tx(c -> update(c, """
                INSERT INTO openmsg_outbound (message_hash, sender, recipient, message_nonce, text, created_at,
                    confirmable_until, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (message_hash) DO NOTHING""",
                message.messageHash(), message.sender().toString(), message.recipient().toString(),
                message.messageNonce(), message.text(), nanos(message.createdAt()),
                nanos(message.confirmableUntil()), message.status().name()));
        if (inserted == 0) {
            throw new IllegalStateException("duplicate message hash");
        }
    }

    @Override
    public boolean confirmOutbound(String messageHash, String messageNonce, Instant now) {
        Objects.requireNonNull(messageHash, "messageHash");
        Objects.requireNonNull(messageNonce, "messageNonce");
        long current = nanos(now);
        return tx(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT message_nonce, status, confirmable_until FROM openmsg_outbound WHERE message_hash = ?""")) {
                s.setString(1, messageHash);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()
                            || !ConstantTime.equals(r.getString(1), messageNonce)
                            || !OutboundStatus.PENDING.name().equals(r.getString(2))
                            || current > r.getLong(3)) {
                        return false;
                    }
                }
            }
            // Conditional on PENDING: of two concurrent confirmations only one changes the row.
            return update(c, "UPDATE openmsg_outbound SET status = ? WHERE message_hash = ? AND status = ?",
                    OutboundStatus.CONFIRMED.name(), messageHash, OutboundStatus.PENDING.name()) == 1;
        });
    }

    @Override
    public void completeOutbound(String messageHash, OutboundStatus status) {
        Objects.requireNonNull(status, "status");
        tx(c -> update(c, "UPDATE openmsg_outbound SET status = ? WHERE message_hash = ?", status.name(), messageHash));
    }

    @Override
    public List<OutboundMessage> outbound(OpenmsgAddress sender) {
        Objects.requireNonNull(sender, "sender");
        return tx(c -> {
            List<OutboundMessage> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT sender, recipient, message_hash, message_nonce, text, created_at, confirmable_until, status
                    FROM openmsg_outbound WHERE sender = ? ORDER BY created_at, seq""")) {
                s.setString(1, sender.toString());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new OutboundMessage(OpenmsgAddress.parse(r.getString(1)),
                                OpenmsgAddress.parse(r.getString(2)), r.getString(3), r.getString(4), r.getString(5),
                                instant(r.getLong(6)), instant(r.getLong(7)), OutboundStatus.valueOf(r.getString(8))));
                    }
                }
            }
            return found;
        });
    }

    // ---- messages we received ------------------------------------------------------------------------

    @Override
    public boolean isReplay(String messageHash, Instant now) {
        Objects.requireNonNull(messageHash, "messageHash");
        long current = nanos(now);
        return tx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM openmsg_replay_guard WHERE message_hash = ? AND expires_at > ?")) {
                s.setString(1, messageHash);
                s.setLong(2, current);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    @Override
    public boolean acceptInbound(InboxMessage message, Instant guardExpiresAt) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(guardExpiresAt, "guardExpiresAt");
        return tx(c -> {
            // Inserts the guard row, or takes over an expired one; an unexpired row leaves the count at 0.
            int guarded = update(c, """
                    INSERT INTO openmsg_replay_guard (message_hash, expires_at) VALUES (?, ?)
                    ON CONFLICT (message_hash) DO UPDATE SET expires_at = excluded.expires_at
                    WHERE openmsg_replay_guard.expires_at <= ?""",
                    message.messageHash(), nanos(guardExpiresAt), nanos(message.receivedAt()));
            if (guarded != 1) {
                return false;
            }
            update(c, """
                    INSERT INTO openmsg_inbox (recipient, sender, sender_name, message_hash, text, sent_at, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    message.recipient().toString(), message.sender().toString(), message.senderName(),
                    message.messageHash(), message.text(), nanos(message.sentAt()), nanos(message.receivedAt()));
            return true;
        });
    }

    @Override
    public List<InboxMessage> inbox(OpenmsgAddress recipient) {
        Objects.requireNonNull(recipient, "recipient");
        return tx(c -> {
            List<InboxMessage> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT recipient, sender, sender_name, message_hash, text, sent_at, received_at
                    FROM openmsg_inbox WHERE recipient = ? ORDER BY received_at, seq""")) {
                s.setString(1, recipient.toString());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new InboxMessage(OpenmsgAddress.parse(r.getString(1)),
                                OpenmsgAddress.parse(r.getString(2)), r.getString(3), r.getString(4), r.getString(5),
                                instant(r.getLong(6)), instant(r.getLong(7))));
                    }
                }
            }
            return found;
        });
    }

    // ---- housekeeping --------------------------------------------------------------------------------

    @Override
    public int purgeExpired(Instant now) {
        long current = nanos(now);
        return tx(c -> update(c, "DELETE FROM openmsg_pass_codes WHERE expires_at <= ?", current)
                + update(c, "DELETE FROM openmsg_pending_handshakes WHERE expires_at <= ?", current)
                + update(c, "DELETE FROM openmsg_replay_guard WHERE expires_at <= ?", current));
    }

    // ---- node domains (not part of the SPI: for tools that share the database) ---------------------

    /**
     * Records that a node for {@code domain} serves from this database (idempotent). Operator tools
     * that share the database read it back with {@link #nodeDomains()} to address bare user ids.
     */
    public void registerNodeDomain(String domain, Instant now) {
        if (!OpenmsgAddress.isValidDomain(domain)) {
            throw new IllegalArgumentException("invalid domain");
        }
        long at = nanos(now);
        tx(c -> update(c, "INSERT INTO openmsg_node_domains (domain, registered_at) VALUES (?, ?) "
                + "ON CONFLICT (domain) DO NOTHING", domain.toLowerCase(java.util.Locale.ROOT), at));
    }

    /** The domains registered with {@link #registerNodeDomain}, in registration order. */
    public List<String> nodeDomains() {
        return tx(c -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT domain FROM openmsg_node_domains ORDER BY registered_at, domain");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(r.getString(1));
                }
            }
            return found;
        });
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }

    /** Epoch nanoseconds, saturated at the range of {@code long}. */
    static long nanos(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
