package dev.missive.jdbc;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The migrations a protocol ships in {@code db/missive/<protocol>/<dialect>}, read without Flyway so
 * that {@link Database#migrate} can tell in milliseconds that a store is already current.
 */
final class BundledMigrations {

    /** Flyway's versioned-migration names as Missive writes them: {@code V<integer>__<words>.sql}. */
    private static final Pattern VERSIONED = Pattern.compile("V(\\d{1,9})__[^/]*\\.sql");

    private BundledMigrations() {}

    /**
     * The highest version among the bundled migrations, or empty when they cannot be listed or one
     * is named otherwise (then Flyway, which knows every naming rule, decides).
     */
    static OptionalInt latestVersion(String protocol, Dialect dialect) {
        URL location = BundledMigrations.class.getResource("/db/missive/" + protocol + "/" + dialect.migrationFolder());
        return location == null ? OptionalInt.empty() : latestVersionAt(location);
    }

    /** {@link #latestVersion} of the migration folder at {@code location}: a directory or a jar entry. */
    static OptionalInt latestVersionAt(URL location) {
        try {
            URI uri = location.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return highest(Path.of(uri));
            }
            String text = uri.toString();
            String folder = text.substring(text.indexOf("!/") + 1);
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return highest(jar.getPath(folder));
            } catch (FileSystemAlreadyExistsException e) {
                // Someone else holds the jar open as a file system: use theirs, leave it open.
                return highest(FileSystems.getFileSystem(uri).getPath(folder));
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static OptionalInt highest(Path folder) throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(folder)) {
            names = files.map(file -> file.getFileName().toString()).toList();
        }
        int highest = -1;
        for (String name : names) {
            Matcher versioned = VERSIONED.matcher(name);
            if (!versioned.matches()) {
                return OptionalInt.empty();
            }
            highest = Math.max(highest, Integer.parseInt(versioned.group(1)));
        }
        return highest < 0 ? OptionalInt.empty() : OptionalInt.of(highest);
    }
}
