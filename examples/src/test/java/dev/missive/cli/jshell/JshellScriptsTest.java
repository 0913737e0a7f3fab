package dev.missive.cli.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Runs each protocol's jshell script under {@code examples/jshell/} ({@link Jshell}) and checks what
 * it prints. {@code smp-cluster.jsh}, the client of two servers on one PostgreSQL schema, runs in
 * {@code SmpClusterProcessTest} against its two processes.
 */
class JshellScriptsTest {

    @Test
    void openmsgScriptConnectsAndDeliversBothWays() throws Exception {
        String out = run("openmsg.jsh");
        assertThat(out)
                .contains("handshake: Connected")
                .contains("bob's inbox:   1000000*a.example (Alice): Hello Bob!")
                .contains("alice's inbox: 2000000*b.example (Bob): Hi Alice, got it.")
                .doesNotContain("Secret[redacted]");
    }

    @Test
    void smpScriptDeliversBothMessages() throws Exception {
        String out = run("smp.jsh");
        assertThat(out).contains("both messages delivered").doesNotContain("FAILED");
    }

    @Test
    void osmsScriptLogsInAndDeliversOverOtr() throws Exception {
        String out = run("osms.jsh");
        assertThat(out)
                .contains("logged in: alice, bob")
                .contains("mutual consent: true")
                .contains("bob's inbox: [alice: Hello Bob, this is OTR.]")
                .contains("osms done");
    }

    @Test
    void meshScriptFetchesOnceAndTheDiscardSticks() throws Exception {
        String out = run("mesh.jsh");
        assertThat(out)
                .contains("bob fetched from C: Hello Bob, via the mesh.")
                .contains("fetched once, discarded, not coming back")
                .doesNotContain("FAILED");
    }

    @Test
    void emsgScriptFederatesTwoDomains() throws Exception {
        String out = run("emsg.jsh");
        assertThat(out)
                .contains("bob's inbox: alice#a.example \"Hello Bob!\"")
                .contains("bob's inbox: alice#a.example group_renamed Hiking club")
                .contains("alice's inbox: bob#b.example \"Hi Alice!\"")
                .contains("alice's inbox: bob#b.example \"Sunday?\" in g-")
                .contains("bob sees alice's profile: {first_name=Alice}");
    }

    private static String run(String script) throws IOException, InterruptedException {
        return Jshell.run(script);
    }
}
