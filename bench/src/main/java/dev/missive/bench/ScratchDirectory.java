package dev.missive.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory a benchmark works in, removed with everything in it when closed. */
public final class ScratchDirectory implements AutoCloseable {

    private final Path path;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    /**
     * Creates a fresh directory under the system's temporary directory.
     *
     * @param prefix the start of its name
     * @return the directory
     * @throws IOException if it cannot be created
     */
    public static ScratchDirectory create(String prefix) throws IOException {
        return new ScratchDirectory(Files.createTempDirectory(prefix));
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /**
     * Removes {@code tree}, a file or a directory with everything in it; nothing if it is absent.
     *
     * @param tree the file or directory
     * @throws UncheckedIOException if part of it cannot be removed
     */
    public static void delete(Path tree) {
        try (Stream<Path> inside = Files.walk(tree)) {
            for (Path each : inside.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        } catch (NoSuchFileException gone) {
            // nothing to remove
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        delete(path);
    }
}
