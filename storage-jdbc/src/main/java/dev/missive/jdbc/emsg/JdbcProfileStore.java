package dev.missive.jdbc.emsg;

import static dev.missive.jdbc.Sql.exists;
import static dev.missive.jdbc.Sql.queryList;
import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.ProfileField;
import dev.missive.emsg.model.Visibility;
import dev.missive.emsg.spi.Profile;
import dev.missive.emsg.spi.ProfileStore;
import dev.missive.emsg.spi.ProfileValue;
import dev.missive.jdbc.Database;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ProfileStore} in an SQLite or PostgreSQL database: tables {@code emsg_profiles},
 * {@code emsg_profile_fields} and {@code emsg_contacts} (migrations of protocol
 * {@value EmsgTables#PROTOCOL}). Replacing a profile is one transaction, so a reader sees the old
 * fields or the new ones, never a mix.
 */
public final class JdbcProfileStore implements ProfileStore {

    private final Database database;

    /**
     * Creates the store on {@code database}, migrating the EMSG tables first if needed.
     *
     * @param database the database
     */
    public JdbcProfileStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.migrate(EmsgTables.PROTOCOL);
    }

    @Override
    public Optional<Profile> find(EmsgAddress owner) {
        Objects.requireNonNull(owner, "owner");
        String text = owner.toString();
        // One transaction: the fields must belong to the profile row read with them.
        return database.inTransaction(c -> {
            Optional<Instant> updatedAt =
                    queryOne(c, "SELECT updated_at FROM emsg_profiles WHERE owner = ?", r -> r.instant(1), text);
            if (updatedAt.isEmpty()) {
                return Optional.empty();
            }
            Map<ProfileField, ProfileValue> fields = new EnumMap<>(ProfileField.class);
            for (Map.Entry<ProfileField, ProfileValue> field : queryList(
                    c,
                    "SELECT field, value, visibility FROM emsg_profile_fields WHERE owner = ?",
                    r -> Map.entry(
                            ProfileField.valueOf(r.string(1)),
                            new ProfileValue(r.string(2), Visibility.valueOf(r.string(3)))),
                    text)) {
                fields.put(field.getKey(), field.getValue());
            }
            return Optional.of(new Profile(owner, fields, updatedAt.get()));
        });
    }

    @Override
    public void put(Profile profile) {
        Objects.requireNonNull(profile, "profile");
        String owner = profile.owner().toString();
        database.write(EmsgTables.PROTOCOL, "putProfile", c -> {
            update(c, "DELETE FROM emsg_profile_fields WHERE owner = ?", owner);
            update(c, """
                    INSERT INTO emsg_profiles (owner, updated_at) VALUES (?, ?)
                    ON CONFLICT (owner) DO UPDATE SET updated_at = excluded.updated_at""", owner, profile.updatedAt());
            for (Map.Entry<ProfileField, ProfileValue> field : profile.fields().entrySet()) {
                update(
                        c,
                        "INSERT INTO emsg_profile_fields (owner, field, value, visibility) VALUES (?, ?, ?, ?)",
                        owner,
                        field.getKey(),
                        field.getValue().value(),
                        field.getValue().visibility());
            }
            return null;
        });
    }

    @Override
    public boolean addContact(EmsgAddress owner, EmsgAddress contact, Instant at) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(at, "at");
        return database.write(
                EmsgTables.PROTOCOL,
                "addContact",
                c -> update(
                                c,
                                "INSERT INTO emsg_contacts (owner, contact, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                owner.toString(),
                                contact.toString(),
                                at)
                        == 1);
    }

    @Override
    public boolean isContact(EmsgAddress owner, EmsgAddress other) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(other, "other");
        return database.read(
                EmsgTables.PROTOCOL,
                "isContact",
                c -> exists(
                        c,
                        "SELECT 1 FROM emsg_contacts WHERE owner = ? AND contact = ?",
                        owner.toString(),
                        other.toString()));
    }

    @Override
    public List<EmsgAddress> contacts(EmsgAddress owner) {
        Objects.requireNonNull(owner, "owner");
        return database.read(
                EmsgTables.PROTOCOL,
                "contacts",
                c -> queryList(
                        c,
                        "SELECT contact FROM emsg_contacts WHERE owner = ? ORDER BY seq",
                        r -> EmsgAddress.parse(r.string(1)),
                        owner.toString()));
    }
}
