package dev.missive.jdbc.osms;

import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;
import static dev.missive.jdbc.osms.OsmsTables.PROTOCOL;

import dev.missive.jdbc.Database;
import dev.missive.osms.spi.PinRecord;
import dev.missive.osms.spi.PinStore;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's {@link PinStore} in an SQLite or PostgreSQL database (table {@code osms_pins}): the
 * {@code osms} CLI keeps it in the SQLite file of its {@code --state} directory.
 */
public final class JdbcPinStore implements PinStore {

    private final Database database;

    /**
     * Creates the store, migrating the OSMS tables first if needed.
     *
     * @param database the database
     */
    public JdbcPinStore(Database database) {
        this.database = OsmsTables.migrated(Objects.requireNonNull(database, "database"));
    }

    @Override
    public Optional<PinRecord> find(String server, String subject) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(subject, "subject");
        return database.read(
                PROTOCOL,
                "findPin",
                c -> queryOne(
                        c,
                        "SELECT fingerprint, pinned_at FROM osms_pins WHERE server = ? AND subject = ?",
                        r -> new PinRecord(server, subject, r.string(1), r.instant(2)),
                        server,
                        subject));
    }

    @Override
    public void put(PinRecord pin) {
        Objects.requireNonNull(pin, "pin");
        database.write(
                PROTOCOL,
                "putPin",
                c -> update(c, """
                        INSERT INTO osms_pins (server, subject, fingerprint, pinned_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (server, subject)
                        DO UPDATE SET fingerprint = excluded.fingerprint, pinned_at = excluded.pinned_at""", pin.server(), pin.subject(), pin.fingerprintHex(), pin.pinnedAt()));
    }
}
