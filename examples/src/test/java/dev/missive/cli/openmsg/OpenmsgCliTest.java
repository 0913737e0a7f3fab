package dev.missive.cli.openmsg;

import static dev.missive.cli.openmsg.CliProcesses.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.cli.openmsg.CliProcesses.Result;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.openmsg.JdbcOpenmsgStore;
import dev.missive.openmsg.spi.OpenmsgUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operator flow of the README's "The missive CLI": {@code openmsg-node}s on SQLite files, and
 * operator commands that open the same files through their own connection pools (as a separate
 * process would). The peer's callbacks reach the running node, which must find what the operator
 * command wrote.
 */
class OpenmsgCliTest {

    @TempDir
    Path dir;

    private final CliProcesses cli = new CliProcesses();

    @AfterEach
    void stopNodes() throws Exception {
        cli.close();
    }

    @Test
    void passcodeConnectSendAndInboxAgainstRunningNodesOnSharedSqliteFiles() throws Exception {
        cli.operatorFlow("sqlite:" + dir.resolve("a.db"), "sqlite:" + dir.resolve("b.db"));
    }

    @Test
    void theNodeServesTlsFromPemFilesAndOperatorsTrustAPemCa() throws Exception {
        HeldCertificate ca =
                new HeldCertificate.Builder().certificateAuthority(0).build();
        HeldCertificate leaf = new HeldCertificate.Builder()
                .signedBy(ca)
                .addSubjectAlternativeName("127.0.0.1")
                .addSubjectAlternativeName("localhost")
                .build();
        Path cert = Files.writeString(dir.resolve("node.pem"), leaf.certificatePem() + ca.certificatePem());
        Path key = Files.writeString(dir.resolve("node.key"), leaf.privateKeyPkcs8Pem());
        Path trust = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        String storeA = "sqlite:" + dir.resolve("a.db");
        String storeB = "sqlite:" + dir.resolve("b.db");
        int portA = CliProcesses.freePort();
        int portB = CliProcesses.freePort();
        String peerA = "a.example=https://127.0.0.1:" + portA + "/openmsg/";
        String peerB = "b.example=https://127.0.0.1:" + portB + "/openmsg/";
        for (String[] node : List.of(
                new String[] {"a.example", Integer.toString(portA), storeA, peerB, "1:Alice"},
                new String[] {"b.example", Integer.toString(portB), storeB, peerA, "2:Bob"})) {
            cli.startNode(
                    "openmsg-node",
                    "--domain",
                    node[0],
                    "--port",
                    node[1],
                    "--store",
                    node[2],
                    "--peer",
                    node[3],
                    "--user",
                    node[4],
                    "--tls-cert",
                    cert.toString(),
                    "--tls-key",
                    key.toString(),
                    "--trust-cert",
                    trust.toString());
        }

        String code = run("openmsg", "passcode", "--store", storeB, "--user", "2")
                .out()
                .strip();
        Result connect = run(
                "openmsg",
                "connect",
                "--store",
                storeA,
                "--from",
                "1*a.example",
                "--to",
                "2*b.example",
                "--pass-code",
                code,
                "--peer",
                peerB,
                "--trust-cert",
                trust.toString());
        assertThat(connect.exit()).as(connect.err()).isZero();
        Result untrusted = run(
                "openmsg",
                "send",
                "--store",
                storeA,
                "--from",
                "1*a.example",
                "--to",
                "2*b.example",
                "--text",
                "no trust",
                "--peer",
                peerB);
        assertThat(untrusted.exit()).isEqualTo(1);
        assertThat(untrusted.err()).contains("PEER_UNREACHABLE: TLS: ").contains("the request was not sent");
        Result sent = run(
                "openmsg",
                "send",
                "--store",
                storeA,
                "--from",
                "1*a.example",
                "--to",
                "2*b.example",
                "--text",
                "over TLS",
                "--peer",
                peerB,
                "--trust-cert",
                trust.toString());
        assertThat(sent.exit()).as(sent.err()).isZero();
        assertThat(run("openmsg", "inbox", "--store", storeB, "--user", "2").out())
                .contains("\"text\":\"over TLS\"");
    }

    @Test
    void failuresExitNonZeroWithTheReasonOnStderr() throws Exception {
        // A store that no node has served yet, with one local user.
        String store = "sqlite:" + dir.resolve("lonely.db");
        try (Database database = Database.open(store)) {
            new JdbcOpenmsgStore(database).putUser(new OpenmsgUser("1", "One"));
        }

        Result noDomain = run("openmsg", "passcode", "--store", store, "--user", "1");
        assertThat(noDomain.exit()).isEqualTo(1);
        assertThat(noDomain.err()).startsWith("missive openmsg passcode: no node domain");

        Result unknownUser = run("openmsg", "passcode", "--store", store, "--user", "3", "--domain", "a.example");
        assertThat(unknownUser.exit()).isEqualTo(1);
        assertThat(unknownUser.err()).startsWith("missive openmsg passcode: no local user 3 in " + store);

        Result badAddress = run(
                "openmsg", "send", "--store", store, "--from", "alice@a.example", "--to", "2*b.example", "--text", "x");
        assertThat(badAddress.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(badAddress.err()).contains("id*domain");

        Result notConnected =
                run("openmsg", "send", "--store", store, "--from", "1*a.example", "--to", "2*b.example", "--text", "x");
        assertThat(notConnected.exit()).isEqualTo(1);
        assertThat(notConnected.err()).contains("not delivered");

        Result badStore = run("openmsg", "inbox", "--store", "ftp://nowhere", "--user", "1");
        assertThat(badStore.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(badStore.err()).startsWith("missive openmsg inbox: ").contains("'ftp://nowhere'");

        Result missingOption = run("openmsg", "connect", "--store", store);
        assertThat(missingOption.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(missingOption.err()).contains("--from");
    }
}
