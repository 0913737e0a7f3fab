package dev.missive.cli.osms;

import dev.missive.cli.CommandFailure;
import dev.missive.cli.StoreOption;
import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.event.EventListener;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.StoreUrl;
import dev.missive.jdbc.osms.JdbcQueueStore;
import dev.missive.jdbc.osms.JdbcServerKeyStore;
import dev.missive.jdbc.osms.JdbcSessionStore;
import dev.missive.jdbc.osms.JdbcUserStore;
import dev.missive.osms.OsmsConfig;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.OsmsServerKeys;
import dev.missive.osms.memory.InMemoryQueueStore;
import dev.missive.osms.memory.InMemoryServerKeyStore;
import dev.missive.osms.memory.InMemorySessionStore;
import dev.missive.osms.memory.InMemoryUserStore;
import dev.missive.osms.spi.QueueStore;
import dev.missive.osms.spi.ServerKeyStore;
import dev.missive.osms.spi.SessionStore;
import dev.missive.osms.spi.UserStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The stores of an OSMS server named by a {@code --store} URL ({@code memory:} or a database), and
 * the server engine built on them: what {@code osms-server} runs and what {@code osms register}
 * adds accounts to.
 */
final class OsmsServerStores implements AutoCloseable {

    private final Optional<Database> database;
    private final UserStore users;
    private final SessionStore sessions;
    private final QueueStore queue;
    private final ServerKeyStore serverKey;

    private OsmsServerStores(Database database) {
        this.database = Optional.ofNullable(database);
        if (database == null) {
            users = new InMemoryUserStore();
            sessions = new InMemorySessionStore();
            queue = new InMemoryQueueStore();
            serverKey = new InMemoryServerKeyStore();
        } else {
            users = new JdbcUserStore(database);
            sessions = new JdbcSessionStore(database);
            queue = new JdbcQueueStore(database);
            serverKey = new JdbcServerKeyStore(database);
        }
    }

    /**
     * Opens the stores of {@code url}, migrating a database's OSMS tables if needed.
     *
     * @throws CommandFailure naming the URL if the database cannot be opened
     */
    static OsmsServerStores open(StoreUrl url) {
        if (url instanceof StoreUrl.Memory) {
            return new OsmsServerStores(null);
        }
        Database database = StoreOption.open(url);
        try {
            return new OsmsServerStores(database);
        } catch (RuntimeException e) {
            database.close();
            throw new CommandFailure("cannot open the OSMS tables of " + url + ": " + CommandFailure.reason(e), e);
        }
    }

    /** Whether the stores live only in this process. */
    boolean inMemory() {
        return database.isEmpty();
    }

    /**
     * The server engine on these stores. Its key is {@code keyFile} if given, else the key kept in
     * the store (generated and stored on the first start; on {@code memory:} new on every start).
     */
    OsmsServer server(Path keyFile, OsmsConfig config, EventListener events) {
        OtrKeyPair key = keyFile != null
                ? KeyFiles.readPrivate("--key", keyFile)
                : OsmsServerKeys.loadOrCreate(serverKey, () -> OtrKeyPair.generate(new SecureRandom()), Clock.system());
        return OsmsServer.builder()
                .clock(Clock.system())
                .random(RandomSource.secure())
                .userStore(users)
                .sessionStore(sessions)
                .queueStore(queue)
                .otr(new Otr4jEngine())
                .serverKey(key)
                .eventListener(events)
                .config(config)
                .build();
    }

    /**
     * An engine on these stores for the operator's account changes only: it serves no requests, so
     * its key is a throw-away one and the stored server key is neither read nor created.
     */
    OsmsServer registrar() {
        return OsmsServer.builder()
                .clock(Clock.system())
                .random(RandomSource.secure())
                .userStore(users)
                .sessionStore(sessions)
                .queueStore(queue)
                .otr(new Otr4jEngine())
                .serverKey(OtrKeyPair.generate(new SecureRandom()))
                .build();
    }

    @Override
    public void close() {
        database.ifPresent(Database::close);
    }
}
