package dev.missive.jdbc;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where a node keeps its state, as written on a command line or in a configuration file:
 *
 * <ul>
 *   <li>{@code memory:} — in-memory stores, lost on exit;
 *   <li>{@code sqlite:PATH} — an SQLite database file (the embedded default);
 *   <li>{@code jdbc:postgresql://HOST[:PORT]/DATABASE[?PARAMS]} — a PostgreSQL database, which
 *       several node instances may share; {@code currentSchema} selects the schema.
 * </ul>
 *
 * <p>A PostgreSQL URL may carry a password; {@code toString()} never shows it, and parse errors
 * never echo the rejected text.
 */
public sealed interface StoreUrl {

    /** In-memory stores: nothing is persisted. */
    record Memory() implements StoreUrl {
        @Override
        public String toString() {
            return MEMORY;
        }
    }

    /**
     * An SQLite database file.
     *
     * @param path the database file; it need not exist yet
     */
    record Sqlite(Path path) implements StoreUrl {
        /** Checks the path. */
        public Sqlite {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return SQLITE + path;
        }
    }

    /**
     * A PostgreSQL database.
     *
     * @param jdbcUrl the full {@code jdbc:postgresql://} URL, handed to the driver unchanged
     */
    record Postgres(String jdbcUrl) implements StoreUrl {
        /** Checks the URL. */
        public Postgres {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        }

        /** The first schema of the URL's {@code currentSchema} parameter, if it has one. */
        public Optional<String> currentSchema() {
            Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, new Properties());
            String schemas = parsed == null ? null : parsed.getProperty("currentSchema");
            if (schemas == null || schemas.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(schemas.split(",", 2)[0].strip());
        }

        /** The URL with any password replaced by {@code ***}. */
        @Override
        public String toString() {
            return redactPassword(jdbcUrl);
        }
    }

    /** The {@code memory:} URL. */
    String MEMORY = "memory:";
    /** Prefix of SQLite URLs. */
    String SQLITE = "sqlite:";
    /** Prefix of PostgreSQL URLs. */
    String POSTGRESQL = "jdbc:postgresql:";

    /**
     * Parses a store URL.
     *
     * @throws StoreUrlException if {@code text} is not one of the three accepted forms
     */
    static StoreUrl parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals(MEMORY)) {
            return new Memory();
        }
        if (text.startsWith(SQLITE)) {
            return parseSqlite(text.substring(SQLITE.length()));
        }
        if (text.startsWith(POSTGRESQL)) {
            Properties parsed = text.startsWith(POSTGRESQL + "//")
                    ? org.postgresql.Driver.parseURL(text, new Properties())
                    : null;
            if (parsed == null || parsed.getProperty("PGDBNAME", "").isBlank()) {
                throw new StoreUrlException("not a valid PostgreSQL JDBC URL (expected jdbc:postgresql://HOST[:PORT]/DATABASE)");
            }
            return new Postgres(text);
        }
        throw new StoreUrlException("unsupported store URL: expected memory:, sqlite:PATH or jdbc:postgresql://...");
    }

    private static String redactPassword(String jdbcUrl) {
        return Pattern.compile("([?&]password=)[^&]*", Pattern.CASE_INSENSITIVE).matcher(jdbcUrl).replaceAll("$1***");
    }

    private static Sqlite parseSqlite(String path) {
        if (path.isBlank()) {
            throw new StoreUrlException("sqlite: needs a file path, e.g. sqlite:data/missive.db");
        }
        // The SQLite driver reads '?' in a file name as the start of URL parameters.
        if (path.indexOf('?') >= 0) {
            throw new StoreUrlException("an SQLite path must not contain '?'");
        }
        try {
            return new Sqlite(Path.of(path));
        } catch (InvalidPathException e) {
            throw new StoreUrlException("not a valid file path for sqlite:");
        }
    }
}
