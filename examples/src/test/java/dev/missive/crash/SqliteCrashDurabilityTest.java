package dev.missive.crash;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The crash harness on SQLite files. */
class SqliteCrashDurabilityTest extends CrashDurabilityContract {

    @TempDir
    Path stores;

    @Override
    protected String store(String workload) {
        return "sqlite:" + stores.resolve(workload + ".db");
    }
}
