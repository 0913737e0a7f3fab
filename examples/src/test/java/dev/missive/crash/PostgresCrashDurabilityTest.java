package dev.missive.crash;

import dev.missive.jdbc.testing.PostgresBackend;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The crash harness on PostgreSQL, a fresh schema per workload; skipped with the reason when the server
 * is not reachable, failed instead when {@code CI} is set.
 */
class PostgresCrashDurabilityTest extends CrashDurabilityContract {

    @RegisterExtension
    static final PostgresBackend SMP = new PostgresBackend();

    @RegisterExtension
    static final PostgresBackend OPENMSG = new PostgresBackend();

    @RegisterExtension
    static final PostgresBackend MESH = new PostgresBackend();

    @Override
    protected String store(String workload) {
        return (workload.equals("smp") ? SMP : workload.equals("mesh") ? MESH : OPENMSG)
                .url()
                .jdbcUrl();
    }
}
