package dev.missive.jdbc.emsg;

import dev.missive.jdbc.Database;

/** What the EMSG stores share: the migration name of their tables. */
final class EmsgTables {

    /** The migration name of the EMSG tables ({@link Database#migrate}). */
    static final String PROTOCOL = "emsg";

    private EmsgTables() {}
}
