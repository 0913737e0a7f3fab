package dev.missive.cli.openmsg;

import dev.missive.jdbc.testing.PostgresBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator flow with both nodes on PostgreSQL (a schema each), shared with the CLI commands. */
class OpenmsgCliPostgresTest {

    @RegisterExtension
    static final PostgresBackend NODE_A = new PostgresBackend();

    @RegisterExtension
    static final PostgresBackend NODE_B = new PostgresBackend();

    @Test
    void passcodeConnectSendAndInboxAgainstRunningNodesOnSharedPostgresSchemas() throws Exception {
        try (CliProcesses cli = new CliProcesses()) {
            cli.operatorFlow(NODE_A.url().jdbcUrl(), NODE_B.url().jdbcUrl());
        }
    }
}
