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
        return database.read(EmsgTables.PROTOCOL, "findAccount", c -> {
            Optional<Instant> createdAt =
                    queryOne(c, "SELECT created_at FROM emsg_accounts WHERE address = ?", r -> r.instant(1), text);
            if (createdAt.isEmpty()) {
                return Optional.empty();
            }
            List<EmsgPublicKey> keys = queryList(
                    c,
                    "SELECT kid, algorithm, encoded FROM emsg_account_keys WHERE address = ? ORDER BY position",
                    JdbcAccountStore::keyOf,
                    text);
            return Optional.of(new Account(address, keys, createdAt.get()));
        });
    }

    private static EmsgPublicKey keyOf(Sql.Row r) throws SQLException {
        return new EmsgPublicKey(r.string(1), SignatureAlgorithm.valueOf(r.string(2)), r.bytes(3));
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
                        JdbcAccountStore::keyOf,
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
