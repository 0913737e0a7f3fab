package dev.missive.jdbc.osms;

import dev.missive.jdbc.Database;

/** The migration name shared by every OSMS store. */
final class OsmsTables {

    /** The migration name of the OSMS tables ({@code db/missive/osms/<dialect>}). */
    static final String PROTOCOL = "osms";

    private OsmsTables() {}

    /** Migrates the OSMS tables of {@code database} if needed and returns it. */
    static Database migrated(Database database) {
        database.migrate(PROTOCOL);
        return database;
    }
}
