package dev.missive.jdbc.osms;

import static dev.missive.jdbc.Sql.exists;
import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;
import static dev.missive.jdbc.osms.OsmsTables.PROTOCOL;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.Sql;
import dev.missive.jdbc.SqlWork;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.UserId;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.UserRecord;
import dev.missive.osms.spi.UserStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link UserStore} in an SQLite or PostgreSQL database (tables {@code osms_users} and
 * {@code osms_consents}). Usernames and key fingerprints are unique columns, so two servers on one
 * PostgreSQL database can never give one name or one key to two accounts; each change is one
 * transaction committed before it returns ({@link Database#write}).
 */
public final class JdbcUserStore implements UserStore {

    private static final String COLUMNS = "SELECT id, username, public_key, created_at, updated_at FROM osms_users";

    private final Database database;

    /**
     * Creates the store, migrating the OSMS tables first if needed.
     *
     * @param database the database
     */
    public JdbcUserStore(Database database) {
        this.database = OsmsTables.migrated(Objects.requireNonNull(database, "database"));
    }

    @Override
    public Outcome create(UserRecord user) {
        Objects.requireNonNull(user, "user");
        return database.write(PROTOCOL, "createUser", c -> {
            Optional<Outcome> taken = taken(c, user.username(), user.publicKey(), null);
            if (taken.isPresent()) {
                return taken.get();
            }
            int inserted = update(
                    c,
                    """
                    INSERT INTO osms_users (id, username, public_key, fingerprint, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    user.id().value(),
                    user.username().value(),
                    user.publicKey().encode(),
                    user.publicKey().fingerprintHex(),
                    user.createdAt(),
                    user.updatedAt());
            if (inserted == 1) {
                return Outcome.DONE;
            }
            // Another server inserted the name or the key between our check and our insert.
            return taken(c, user.username(), user.publicKey(), null).orElse(Outcome.USERNAME_TAKEN);
        });
    }

    /** Whether another account than {@code self} holds the username (checked first) or the key. */
    private static Optional<Outcome> taken(Connection c, Username username, OtrPublicKey key, UserId self)
            throws SQLException {
        String other = self == null ? "" : self.value();
        if (username != null
                && exists(c, "SELECT 1 FROM osms_users WHERE username = ? AND id <> ?", username.value(), other)) {
            return Optional.of(Outcome.USERNAME_TAKEN);
        }
        if (key != null
                && exists(
                        c, "SELECT 1 FROM osms_users WHERE fingerprint = ? AND id <> ?", key.fingerprintHex(), other)) {
            return Optional.of(Outcome.KEY_IN_USE);
        }
        return Optional.empty();
    }

    @Override
    public Optional<UserRecord> findById(UserId id) {
        Objects.requireNonNull(id, "id");
        return find("findById", COLUMNS + " WHERE id = ?", id.value());
    }

    @Override
    public Optional<UserRecord> findByUsername(Username username) {
        Objects.requireNonNull(username, "username");
        return find("findByUsername", COLUMNS + " WHERE username = ?", username.value());
    }

    @Override
    public Optional<UserRecord> findByFingerprint(String fingerprintHex) {
        Objects.requireNonNull(fingerprintHex, "fingerprintHex");
        return find("findByFingerprint", COLUMNS + " WHERE fingerprint = ?", fingerprintHex);
    }

    private Optional<UserRecord> find(String operation, String sql, String key) {
        return database.read(PROTOCOL, operation, c -> queryOne(c, sql, JdbcUserStore::userOf, key));
    }

    private static UserRecord userOf(Sql.Row r) throws SQLException {
        return new UserRecord(
                new UserId(r.string(1)),
                new Username(r.string(2)),
                OtrPublicKey.parse(r.bytes(3)),
                r.instant(4),
                r.instant(5));
    }

    @Override
    public Outcome rename(UserId id, Username username, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(at, "at");
        return change(
                "rename",
                id,
                username,
                null,
                c -> update(
                        c,
                        "UPDATE osms_users SET username = ?, updated_at = ? WHERE id = ? AND username <> ?",
                        username.value(),
                        at,
                        id.value(),
                        username.value()));
    }

    @Override
    public Outcome setKey(UserId id, OtrPublicKey key, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(at, "at");
        return change(
                "setKey",
                id,
                null,
                key,
                c -> update(
                        c,
                        "UPDATE osms_users SET public_key = ?, fingerprint = ?, updated_at = ? WHERE id = ? AND fingerprint <> ?",
                        key.encode(),
                        key.fingerprintHex(),
                        at,
                        id.value(),
                        key.fingerprintHex()));
    }

    /** One account change: not found, taken by another account, or applied (a no-op change is DONE). */
    private Outcome change(String operation, UserId id, Username username, OtrPublicKey key, SqlWork<Integer> apply) {
        return database.write(PROTOCOL, operation, c -> {
            if (!exists(c, "SELECT 1 FROM osms_users WHERE id = ?", id.value())) {
                return Outcome.NOT_FOUND;
            }
            Optional<Outcome> taken = taken(c, username, key, id);
            if (taken.isPresent()) {
                return taken.get();
            }
            apply.run(c);
            return Outcome.DONE;
        });
    }

    @Override
    public void grantConsent(UserId from, UserId to, Instant at) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        database.write(
                PROTOCOL,
                "grantConsent",
                c -> update(
                        c,
                        "INSERT INTO osms_consents (from_user, to_user, granted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        from.value(),
                        to.value(),
                        at));
    }

    @Override
    public boolean hasConsent(UserId from, UserId to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return database.read(
                PROTOCOL,
                "hasConsent",
                c -> exists(
                        c,
                        "SELECT 1 FROM osms_consents WHERE from_user = ? AND to_user = ?",
                        from.value(),
                        to.value()));
    }
}
