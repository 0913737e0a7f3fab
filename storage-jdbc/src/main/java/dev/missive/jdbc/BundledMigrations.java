package dev.missive.jdbc;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
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
            if ("jar".equals(location.getProtocol())) {
                return highest(namesInJarFolder(location));
            }
            try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
                return highest(files.map(file -> file.getFileName().toString()).toList());
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The names of the files directly in a jar's folder, from the jar's central directory: a scan of
     * names (the JDK keeps the jar open for later lookups), far cheaper than mounting the jar as a
     * file system, which indexes every entry of the CLI's large jar.
     */
    private static List<String> namesInJarFolder(URL folder) throws IOException {
        JarURLConnection connection = (JarURLConnection) folder.openConnection();
        String prefix = connection.getEntryName() + "/";
        JarFile jar = connection.getJarFile();
        return jar.stream()
                .map(JarEntry::getName)
                .filter(name -> name.startsWith(prefix) && name.length() > prefix.length())
                .map(name -> name.substring(prefix.length()))
                .filter(name -> name.indexOf('/') < 0)
                .toList();
    }

    private static OptionalInt highest(List<String> names) {
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
