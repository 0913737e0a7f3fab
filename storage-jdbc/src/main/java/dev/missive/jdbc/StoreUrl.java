package dev.missive.jdbc;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where a node keeps its state, as written on a command line or in a configuration file:
 *
 * <ul>
 *   <li>{@code memory:} — in-memory stores, lost on exit;
 *   <li>{@code sqlite:PATH[?synchronous=full|normal]} — an SQLite database file (the embedded
 *       default); {@code synchronous} chooses how commits reach the disk, see {@link Synchronous};
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
     * How an SQLite commit reaches the disk ({@code PRAGMA synchronous}).
     *
     * <p>{@link #FULL} (the default) syncs the write-ahead log on every commit: a commit survives a
     * process crash, an OS crash and a power cut. {@link #NORMAL} syncs only at checkpoints: a
     * commit survives a process crash but the last ones may be lost on an OS crash or a power cut
     * (the file is never corrupted). Group commit (see {@link Database}) makes one sync serve many
     * concurrent commits, so {@code FULL} costs little under load.
     */
    enum Synchronous {
        /** Every commit is synced: durable across power loss. */
        FULL,
        /** Synced at checkpoints only: durable across process crashes, not power loss. */
        NORMAL
    }

    /**
     * An SQLite database file.
     *
     * @param path the database file; it need not exist yet
     * @param synchronous how commits reach the disk
     */
    record Sqlite(Path path, Synchronous synchronous) implements StoreUrl {
        /** Checks the path. */
        public Sqlite {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(synchronous, "synchronous");
        }

        /**
         * An SQLite file with the default, {@link Synchronous#FULL}.
         *
         * @param path the database file; it need not exist yet
         */
        public Sqlite(Path path) {
            this(path, Synchronous.FULL);
        }

        @Override
        public String toString() {
            String option = synchronous == Synchronous.FULL
                    ? ""
                    : "?synchronous=" + synchronous.name().toLowerCase(Locale.ROOT);
            return SQLITE + path + option;
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

        /**
         * The first schema of the URL's {@code currentSchema} parameter, if it has one.
         *
         * @return the schema, or empty to use the server's default
         */
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
     * @param text the URL text, in one of the forms listed on this interface
     * @return the parsed URL
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
            Properties parsed =
                    text.startsWith(POSTGRESQL + "//") ? org.postgresql.Driver.parseURL(text, new Properties()) : null;
            if (parsed == null || parsed.getProperty("PGDBNAME", "").isBlank()) {
                throw new StoreUrlException(
                        "not a valid PostgreSQL JDBC URL (expected jdbc:postgresql://HOST[:PORT]/DATABASE)");
            }
            return new Postgres(text);
        }
        throw new StoreUrlException("unsupported store URL: expected memory:, sqlite:PATH or jdbc:postgresql://...");
    }

    private static String redactPassword(String jdbcUrl) {
        return Pattern.compile("([?&]password=)[^&]*", Pattern.CASE_INSENSITIVE)
                .matcher(jdbcUrl)
                .replaceAll("$1***");
    }

    private static Sqlite parseSqlite(String text) {
        int query = text.indexOf('?');
        String path = query < 0 ? text : text.substring(0, query);
        if (path.isBlank()) {
            throw new StoreUrlException("sqlite: needs a file path, e.g. sqlite:data/missive.db");
        }
        Synchronous synchronous = Synchronous.FULL;
        if (query >= 0) {
            boolean seen = false;
            for (String option : text.substring(query + 1).split("&", -1)) {
                int equals = option.indexOf('=');
                String name = equals < 0 ? option : option.substring(0, equals);
                if (!name.equals("synchronous")) {
                    // The name is shown only when it is a plain word, so no odd text is echoed.
                    throw new StoreUrlException(
                            name.matches("[A-Za-z_]{1,32}")
                                    ? "unknown sqlite: option '" + name
                                            + "' (the only option is synchronous=full|normal)"
                                    : "malformed sqlite: options (expected sqlite:PATH?synchronous=full|normal)");
                }
                if (seen) {
                    throw new StoreUrlException("sqlite: option 'synchronous' given twice");
                }
                seen = true;
                synchronous =
                        switch (equals < 0 ? "" : option.substring(equals + 1).toLowerCase(Locale.ROOT)) {
                            case "full" -> Synchronous.FULL;
                            case "normal" -> Synchronous.NORMAL;
                            default ->
                                throw new StoreUrlException("sqlite: option 'synchronous' must be full or normal");
                        };
            }
        }
        try {
            return new Sqlite(Path.of(path), synchronous);
        } catch (InvalidPathException e) {
            throw new StoreUrlException("not a valid file path for sqlite:");
        }
    }
}
