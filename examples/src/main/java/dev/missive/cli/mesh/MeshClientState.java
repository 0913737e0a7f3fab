package dev.missive.cli.mesh;

import dev.missive.cli.StateDirectory;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.client.MeshClient;
import dev.missive.spi.ReplayGuardStore;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The state of {@code mesh fetch} ({@code --state DIR}, default {@code ~/.missive/mesh}), created
 * readable by its owner only: {@code DIR/state.db} (SQLite) remembers the (sender, id) pair of every
 * message shown ({@link MeshClient#SEEN_SCOPE}), for the client's de-duplication period (8 days: the
 * servers' 7-day retention plus clock skew), so that a message still held by a server, or coming
 * back from another one, is shown once across runs.
 */
final class MeshClientState implements AutoCloseable {

    /** Where the state lives without {@code --state}. */
    static final String DEFAULT_STATE = "${sys:user.home}/.missive/mesh";

    private final Database database;
    private final JdbcReplayGuardStore seen;

    private MeshClientState(Database database) {
        this.database = database;
        this.seen = new JdbcReplayGuardStore(database);
    }

    /**
     * Opens (creating if needed) the state directory.
     *
     * @throws dev.missive.cli.CommandFailure naming the directory if it cannot be created or opened
     */
    static MeshClientState open(Path dir) {
        Database database = StateDirectory.open(dir);
        try {
            return new MeshClientState(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * The seen-message store for one fetch, after forgetting pairs past their period. With
     * {@code showAll}, messages seen in earlier runs are shown again (still once per run) and stay
     * remembered.
     */
    ReplayGuardStore seen(boolean showAll, Instant now) {
        seen.purgeExpired(now);
        return showAll ? new RememberButShowAgain(seen) : seen;
    }

    @Override
    public void close() {
        database.close();
    }

    /** Records in the lasting store, but answers as if only this run counted. */
    private static final class RememberButShowAgain implements ReplayGuardStore {

        private final ReplayGuardStore lasting;
        private final ReplayGuardStore thisRun = new InMemoryReplayGuardStore();

        RememberButShowAgain(ReplayGuardStore lasting) {
            this.lasting = lasting;
        }

        @Override
        public boolean recordIfAbsent(String scope, String key, Instant expiresAt, Instant now) {
            lasting.recordIfAbsent(scope, key, expiresAt, now);
            return thisRun.recordIfAbsent(scope, key, expiresAt, now);
        }

        @Override
        public boolean isRecorded(String scope, String key, Instant now) {
            return thisRun.isRecorded(scope, key, now);
        }

        @Override
        public int purgeExpired(Instant now) {
            return lasting.purgeExpired(now) + thisRun.purgeExpired(now);
        }
    }
}
