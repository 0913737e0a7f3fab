package dev.missive.cli.emsg;

import dev.missive.cli.StoreOption;
import dev.missive.emsg.EmsgServer;
import dev.missive.emsg.memory.InMemoryAccountStore;
import dev.missive.emsg.memory.InMemoryGroupStore;
import dev.missive.emsg.memory.InMemoryInboxStore;
import dev.missive.emsg.memory.InMemoryOutboxStore;
import dev.missive.emsg.memory.InMemoryProfileStore;
import dev.missive.emsg.spi.AccountStore;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.jdbc.StoreUrl;
import dev.missive.jdbc.emsg.JdbcAccountStore;
import dev.missive.jdbc.emsg.JdbcGroupStore;
import dev.missive.jdbc.emsg.JdbcInboxStore;
import dev.missive.jdbc.emsg.JdbcOutboxStore;
import dev.missive.jdbc.emsg.JdbcProfileStore;
import dev.missive.memory.InMemoryReplayGuardStore;

/**
 * The stores of an EMSG server for a {@code --store} URL: the in-memory ones for {@code memory:},
 * the JDBC ones on one {@link Database} otherwise. Closing closes the database.
 */
final class EmsgStores implements AutoCloseable {

    private final Database database;

    private EmsgStores(Database database) {
        this.database = database;
    }

    /**
     * Opens the stores of {@code url}.
     *
     * @param url the store URL
     * @return the stores
     */
    static EmsgStores open(StoreUrl url) {
        return new EmsgStores(url instanceof StoreUrl.Memory ? null : StoreOption.open(url));
    }

    /**
     * Gives {@code engine} every store.
     *
     * @param engine the engine's builder
     * @return the builder
     */
    EmsgServer.Builder apply(EmsgServer.Builder engine) {
        if (database == null) {
            return engine.accountStore(new InMemoryAccountStore())
                    .groupStore(new InMemoryGroupStore())
                    .profileStore(new InMemoryProfileStore())
                    .inboxStore(new InMemoryInboxStore())
                    .outboxStore(new InMemoryOutboxStore())
                    .replayGuardStore(new InMemoryReplayGuardStore());
        }
        return engine.accountStore(new JdbcAccountStore(database))
                .groupStore(new JdbcGroupStore(database))
                .profileStore(new JdbcProfileStore(database))
                .inboxStore(new JdbcInboxStore(database))
                .outboxStore(new JdbcOutboxStore(database))
                .replayGuardStore(new JdbcReplayGuardStore(database));
    }

    /**
     * The account store alone, for the operator command.
     *
     * @return the store
     */
    AccountStore accounts() {
        return new JdbcAccountStore(database);
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}
