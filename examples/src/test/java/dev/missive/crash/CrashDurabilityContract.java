package dev.missive.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every workload through {@link CrashHarness} on one kind of store; a subclass per store says where.
 * A protocol that lands adds its {@link CrashWorkload} here, with one test method.
 */
abstract class CrashDurabilityContract {

    @TempDir
    Path logs;

    /** A fresh, empty store for {@code workload} (a file, a schema). */
    protected abstract String store(String workload);

    @Test
    void smpKeepsEveryAcknowledgedSendThroughKills() throws Exception {
        run(new SmpCrashWorkload());
    }

    @Test
    void openmsgKeepsEveryAcknowledgedMessageThroughKills() throws Exception {
        run(new OpenmsgCrashWorkload());
    }

    @Test
    void emsgKeepsEveryAcknowledgedMessageThroughKills() throws Exception {
        run(new EmsgCrashWorkload());
    }

    @Test
    void osmsRelaysEveryAcknowledgedTextThroughKills() throws Exception {
        run(new OsmsCrashWorkload());
    }

    @Test
    void meshLosesNoPacketAndResurrectsNoDiscardedOneThroughKillsDuringSync() throws Exception {
        run(new MeshCrashWorkload());
    }

    private void run(CrashWorkload workload) throws Exception {
        CrashHarness harness = CrashHarness.fromSystemProperties(logs);
        assertThat(harness.run(workload, store(workload.name()))).isPositive();
    }
}
