package dev.missive.jdbc.emsg;

import static dev.missive.jdbc.Sql.exists;
import static dev.missive.jdbc.Sql.queryList;
import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgPublicKey;
import dev.missive.emsg.model.SignatureAlgorithm;
import dev.missive.emsg.spi.Account;
import dev.missive.emsg.spi.AccountStore;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link AccountStore} in an SQLite or PostgreSQL database: tables {@code emsg_accounts},
 * {@code emsg_account_keys} and {@code emsg_domain_keys} (migrations of protocol
 * {@value EmsgTables#PROTOCOL}). Every change is one group-committed transaction.
 */
public final class JdbcAccountStore implements AccountStore {

    private final Database database;

    /**
     * Creates the store on {@code database}, migrating the EMSG tables first if needed.
     *
     * @param database the database
     */
    public JdbcAccountStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.migrate(EmsgTables.PROTOCOL);
    }

    @Override
    public boolean create(Account account) {
        Objects.requireNonNull(account, "account");
        String address = account.address().toString();
        return database.write(EmsgTables.PROTOCOL, "createAccount", c -> {
            if (update(
                            c,
                            "INSERT INTO emsg_accounts (address, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            address,
                            account.createdAt())
                    != 1) {
                return false;
            }
            int position = 0;
            for (EmsgPublicKey key : account.keys()) {
                insertKey(c, address, key, position++);
            }
            return true;
        });
    }

    private static void insertKey(Connection c, String address, EmsgPublicKey key, int position) throws SQLException {
        update(
                c,
                "INSERT INTO emsg_account_keys (address, kid, position, algorithm, encoded) VALUES (?, ?, ?, ?, ?)",
                address,
                key.kid(),
                position,
                key.algorithm(),
                key.encoded());
    }

    @Override
    public Optional<Account> find(EmsgAddress address) {
        Objects.requireNonNull(address, "address");
        String text = address.toString();
        // One query: every message's signature check and recipient check read an account.
        List<AccountRow> rows = database.read(
                EmsgTables.PROTOCOL,
                "findAccount",
                c -> queryList(c, ACCOUNT_WITH_KEYS, JdbcAccountStore::accountRow, text));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<EmsgPublicKey> keys = new ArrayList<>(rows.size());
        for (AccountRow row : rows) {
            if (row.key() != null) {
                keys.add(row.key());
            }
        }
        return Optional.of(new Account(address, keys, rows.get(0).createdAt()));
    }

    /** {@link #find}: the account's row once per key, in key order, or once with NULL keys if it has none. */
    private static final String ACCOUNT_WITH_KEYS = """
            SELECT a.created_at, k.kid, k.algorithm, k.encoded
            FROM emsg_accounts a LEFT JOIN emsg_account_keys k ON k.address = a.address
            WHERE a.address = ? ORDER BY k.position""";

    /** One row of {@link #find}: the account's creation time and one of its keys (null: it has none). */
    private record AccountRow(Instant createdAt, EmsgPublicKey key) {}

    private static AccountRow accountRow(Sql.Row r) throws SQLException {
        return new AccountRow(r.instant(1), r.string(2) == null ? null : keyAt(r, 2));
    }

    /** The key in columns {@code first} (kid), {@code first + 1} (algorithm), {@code first + 2} (encoded). */
    private static EmsgPublicKey keyAt(Sql.Row r, int first) throws SQLException {
        return new EmsgPublicKey(r.string(first), SignatureAlgorithm.valueOf(r.string(first + 1)), r.bytes(first + 2));
    }

    @Override
    public boolean addKey(EmsgAddress address, EmsgPublicKey key) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(key, "key");
        String text = address.toString();
        return database.write(EmsgTables.PROTOCOL, "addKey", c -> {
            if (!exists(c, "SELECT 1 FROM emsg_accounts WHERE address = ?", text)
                    || exists(c, "SELECT 1 FROM emsg_account_keys WHERE address = ? AND kid = ?", text, key.kid())) {
                return false;
            }
            int position = queryOne(
                            c,
                            "SELECT COALESCE(MAX(position), -1) FROM emsg_account_keys WHERE address = ?",
                            r -> r.intValue(1),
                            text)
                    .orElse(-1);
            insertKey(c, text, key, position + 1);
            return true;
        });
    }

    @Override
    public Optional<EmsgPublicKey> pinnedDomainKey(String domain) {
        Objects.requireNonNull(domain, "domain");
        return database.read(
                EmsgTables.PROTOCOL,
                "pinnedDomainKey",
                c -> queryOne(
                        c,
                        "SELECT kid, algorithm, encoded FROM emsg_domain_keys WHERE domain = ?",
                        r -> keyAt(r, 1),
                        domain));
    }

    @Override
    public boolean pinDomainKey(String domain, EmsgPublicKey key, Instant pinnedAt) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pinnedAt, "pinnedAt");
        return database.write(
                EmsgTables.PROTOCOL,
                "pinDomainKey",
                c -> update(c, """
                                INSERT INTO emsg_domain_keys (domain, kid, algorithm, encoded, pinned_at)
                                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", domain, key.kid(), key.algorithm(), key.encoded(), pinnedAt) == 1);
    }
}
