package dev.missive.jdbc;

/** The SQL databases Missive stores run on. */
public enum Dialect {
    /** SQLite 3 through the xerial driver: a single file, the embedded default. */
    SQLITE("sqlite"),
    /** PostgreSQL 13 or newer: shared by several node instances. */
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /**
     * The folder that holds this dialect's migrations under each protocol's migration root.
     *
     * @return the folder name, e.g. {@code sqlite} or {@code postgresql}
     */
    public String migrationFolder() {
        return folder;
    }
}
