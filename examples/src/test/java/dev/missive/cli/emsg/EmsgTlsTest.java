package dev.missive.cli.emsg;

import static dev.missive.cli.emsg.EmsgCli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.crash.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ESMP over TLS: two {@code emsg-server} processes serving TLS from PEM files, federating with
 * {@code --peer-tls} and trusting a test CA; clients connect with {@code --tls}. The certificate names
 * the EMSG domains, which is what clients and peers verify. A client that does not trust the CA is
 * refused in the TLS handshake.
 */
class EmsgTlsTest {

    private NodeProcess a;
    private NodeProcess b;

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
    }

    @Test
    void serversAndClientsSpeakTls(@TempDir Path dir) throws Exception {
        HeldCertificate ca =
                new HeldCertificate.Builder().certificateAuthority(0).build();
        HeldCertificate leaf = new HeldCertificate.Builder()
                .signedBy(ca)
                .addSubjectAlternativeName("a.test")
                .addSubjectAlternativeName("b.test")
                .build();
        String cert = Files.writeString(dir.resolve("server.pem"), leaf.certificatePem() + ca.certificatePem())
                .toString();
        String key = Files.writeString(dir.resolve("server.key"), leaf.privateKeyPkcs8Pem())
                .toString();
        String trust =
                Files.writeString(dir.resolve("ca.pem"), ca.certificatePem()).toString();
        int portA = EmsgCli.freePort();
        int portB = EmsgCli.freePort();
        String serverA = "127.0.0.1:" + portA;
        String serverB = "127.0.0.1:" + portB;
        a = NodeProcess.start(tlsServer("a.test", portA, "b.test=" + serverB, cert, key, trust), dir, "a");
        b = NodeProcess.start(tlsServer("b.test", portB, "a.test=" + serverA, cert, key, trust), dir, "b");

        String aliceKey = dir.resolve("alice.key").toString();
        String bobKey = dir.resolve("bob.key").toString();
        run("emsg", "keygen", "--out", aliceKey).line();
        run("emsg", "keygen", "--out", bobKey).line();
        EmsgCli.Result untrusted =
                run("emsg", "register", "--server", serverA, "--address", "alice#a.test", "--key", aliceKey, "--tls");
        assertThat(untrusted.exit()).isEqualTo(1);
        assertThat(untrusted.err()).startsWith("missive emsg register: cannot talk to " + serverA);

        run(
                        "emsg",
                        "register",
                        "--server",
                        serverA,
                        "--address",
                        "alice#a.test",
                        "--key",
                        aliceKey,
                        "--tls",
                        "--trust-cert",
                        trust)
                .line();
        run(
                        "emsg",
                        "register",
                        "--server",
                        serverB,
                        "--address",
                        "bob#b.test",
                        "--key",
                        bobKey,
                        "--tls",
                        "--trust-cert",
                        trust)
                .line();
        String id = run(
                        "emsg",
                        "send",
                        "--server",
                        serverA,
                        "--key",
                        aliceKey,
                        "--from",
                        "alice#a.test",
                        "--to",
                        "bob#b.test",
                        "--text",
                        "over TLS",
                        "--tls",
                        "--trust-cert",
                        trust)
                .line();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> run(
                                "emsg",
                                "inbox",
                                "--server",
                                serverB,
                                "--key",
                                bobKey,
                                "--address",
                                "bob#b.test",
                                "--tls",
                                "--trust-cert",
                                trust)
                        .json()
                        .stream()
                        .anyMatch(m -> m.path("id").asText().equals(id)
                                && m.path("text").asText().equals("over TLS")));
    }

    private static List<String> tlsServer(String domain, int port, String peer, String cert, String key, String trust) {
        return List.of(
                "emsg-server",
                "--domain",
                domain,
                "--port",
                Integer.toString(port),
                "--peer",
                peer,
                "--registration",
                "open",
                "--tls-cert",
                cert,
                "--tls-key",
                key,
                "--peer-tls",
                "--trust-cert",
                trust);
    }
}
