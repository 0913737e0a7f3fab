package dev.missive.cli;

import dev.missive.jdbc.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A client command's state directory ({@code --state DIR}): created readable by its owner only,
 * with its SQLite database {@code DIR/state.db} (migrated like any store).
 */
public final class StateDirectory {

    private StateDirectory() {}

    /**
     * Creates {@code dir} if needed and opens {@code dir/state.db}.
     *
     * @param dir the state directory
     * @return the open database; the caller closes it
     * @throws CommandFailure naming {@code --state DIR} if it cannot be created or opened
     */
    public static Database open(Path dir) {
        try {
            createPrivateDirectories(dir);
        } catch (IOException e) {
            throw new CommandFailure("cannot create --state " + dir + ": " + CommandFailure.reason(e), e);
        }
        try {
            return Database.open("sqlite:" + dir.resolve("state.db").toAbsolutePath());
        } catch (RuntimeException e) {
            throw new CommandFailure("cannot open --state " + dir + ": " + CommandFailure.reason(e), e);
        }
    }

    /**
     * Creates {@code dir} and its missing parents, readable by the owner only where the file system
     * has POSIX permissions.
     *
     * @param dir the directory
     * @throws IOException if it cannot be created
     */
    public static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }
}
