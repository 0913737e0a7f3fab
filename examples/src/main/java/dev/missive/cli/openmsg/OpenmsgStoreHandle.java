package dev.missive.cli.openmsg;

import dev.missive.cli.CommandFailure;
import dev.missive.cli.StoreOption;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.StoreUrl;
import dev.missive.jdbc.openmsg.JdbcOpenmsgStore;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.spi.OpenmsgStore;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * The Openmsg store behind a {@code --store} URL, and the database it holds open: {@code memory:}
 * (nothing shared, nothing kept), {@code sqlite:PATH} or {@code jdbc:postgresql://...}.
 */
final class OpenmsgStoreHandle implements AutoCloseable {

    private final OpenmsgStore store;
    private final Database database;

    private OpenmsgStoreHandle(OpenmsgStore store, Database database) {
        this.store = store;
        this.database = database;
    }

    /**
     * Opens (and migrates) the store at {@code url}.
     *
     * @throws dev.missive.cli.CommandFailure if its database cannot be opened
     */
    static OpenmsgStoreHandle open(StoreUrl url) {
        if (url instanceof StoreUrl.Memory) {
            return new OpenmsgStoreHandle(new InMemoryOpenmsgStore(), null);
        }
        Database database = StoreOption.open(url);
        try {
            return new OpenmsgStoreHandle(new JdbcOpenmsgStore(database), database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Opens the store of a running or stopped node for an operator command: it must exist already
     * (a node creates it), so a mistyped path is reported instead of answered from a new, empty store.
     *
     * @throws dev.missive.cli.CommandFailure naming the file if an SQLite store does not exist, or if
     *     the database cannot be opened
     */
    static OpenmsgStoreHandle openExisting(StoreUrl url) {
        if (url instanceof StoreUrl.Sqlite sqlite && !Files.isRegularFile(sqlite.path())) {
            throw new CommandFailure("no store at " + url + ": no such file "
                    + sqlite.path().toAbsolutePath() + " (openmsg-node --store " + url + " creates it)");
        }
        return open(url);
    }

    OpenmsgStore store() {
        return store;
    }

    /** The JDBC store, if this is one (only a database can be shared with other processes). */
    Optional<JdbcOpenmsgStore> jdbc() {
        return store instanceof JdbcOpenmsgStore jdbc ? Optional.of(jdbc) : Optional.empty();
    }

    /** The domains of the nodes that registered themselves in this store. */
    List<String> nodeDomains() {
        return jdbc().map(JdbcOpenmsgStore::nodeDomains).orElse(List.of());
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}
