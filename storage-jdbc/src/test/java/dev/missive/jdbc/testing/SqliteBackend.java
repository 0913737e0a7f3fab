package dev.missive.jdbc.testing;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.StoreUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** An SQLite database file in a fresh temporary directory, deleted afterwards. */
public final class SqliteBackend extends TestDatabase {

    private Path directory;

    /** Creates the backend; register it with {@code @RegisterExtension} on a static field. */
    public SqliteBackend() {}

    /** The database file (valid after {@link #start()}). */
    public Path file() {
        return directory.resolve("missive-test.db");
    }

    /** {@code SQLite}: the name of the database in test reports. */
    @Override
    public String toString() {
        return "SQLite";
    }

    @Override
    protected Database create() throws IOException {
        directory = Files.createTempDirectory("missive-sqlite-");
        return Database.open(new StoreUrl.Sqlite(file()));
    }

    @Override
    protected void destroy() throws IOException {
        // The database file plus its -wal and -shm companions.
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
