package dev.missive.cli.emsg;

import dev.missive.cli.CommandFailure;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.jdbc.StoreUrl;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an {@code emsg-server} keeps its domain key, which peers pin on first use and so must survive
 * restarts: {@code --domain-key FILE} if given (created if missing), else {@code PATH.emsg-domain-key.pem}
 * next to an {@code sqlite:PATH} store; with any other store and no file the key is new on every start.
 */
final class DomainKeyFile {

    private DomainKeyFile() {}

    /**
     * The server's domain key.
     *
     * @param file {@code --domain-key}, or null
     * @param store the store URL
     * @param err where to say that a key was generated
     * @return the key
     * @throws CommandFailure if the file cannot be read or written
     */
    static EmsgSigningKey load(Path file, StoreUrl store, PrintWriter err) {
        Path path = file;
        if (path == null && store instanceof StoreUrl.Sqlite sqlite) {
            path = sqlite.path().resolveSibling(sqlite.path().getFileName() + ".emsg-domain-key.pem");
        }
        if (path == null) {
            err.println("warning: no --domain-key and no sqlite store: the domain key is new on every start,"
                    + " and peers that pinned the old one will refuse this server");
            err.flush();
            return KeyFile.generateInMemory();
        }
        if (Files.exists(path)) {
            return KeyFile.read(path);
        }
        EmsgSigningKey key = KeyFile.generate(path);
        err.println("generated domain key " + path);
        err.flush();
        return key;
    }
}
