package dev.missive.jdbc.osms;

import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;
import static dev.missive.jdbc.osms.OsmsTables.PROTOCOL;

import dev.missive.jdbc.Database;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.spi.ServerKeyRecord;
import dev.missive.osms.spi.ServerKeyStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ServerKeyStore} in an SQLite or PostgreSQL database (table {@code osms_server_key}, one
 * row at most). The private key is stored as PKCS#8 in the database: protect the database as the
 * key it holds.
 */
public final class JdbcServerKeyStore implements ServerKeyStore {

    private static final String SELECT =
            "SELECT pkcs8, public_key, created_at FROM osms_server_key WHERE singleton = 1";

    private final Database database;

    /**
     * Creates the store, migrating the OSMS tables first if needed.
     *
     * @param database the database
     */
    public JdbcServerKeyStore(Database database) {
        this.database = OsmsTables.migrated(Objects.requireNonNull(database, "database"));
    }

    @Override
    public Optional<ServerKeyRecord> load() {
        return database.read(PROTOCOL, "loadServerKey", JdbcServerKeyStore::select);
    }

    @Override
    public ServerKeyRecord saveIfAbsent(ServerKeyRecord key) {
        Objects.requireNonNull(key, "key");
        return database.write(PROTOCOL, "saveServerKey", c -> {
            update(c, """
                    INSERT INTO osms_server_key (singleton, pkcs8, public_key, created_at)
                    VALUES (1, ?, ?, ?) ON CONFLICT DO NOTHING""", key.revealPkcs8(), key.publicKey().encode(), key.createdAt());
            return select(c).orElseThrow();
        });
    }

    private static Optional<ServerKeyRecord> select(Connection c) throws SQLException {
        return queryOne(c, SELECT, r -> new ServerKeyRecord(r.bytes(1), OtrPublicKey.parse(r.bytes(2)), r.instant(3)));
    }
}
