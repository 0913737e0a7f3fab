package dev.missive.cli.emsg;

import static dev.missive.cli.emsg.EmsgCli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missive.crash.NodeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiving server is killed (SIGKILL) while the sender's persistent outbox holds messages for
 * it; once it is restarted on its SQLite store, every message reaches the recipient exactly once.
 */
class EmsgOutboxRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int WHILE_DOWN = 20;

    private NodeProcess sender;
    private NodeProcess receiver;

    @AfterEach
    void stop() throws Exception {
        if (sender != null) {
            sender.stop();
        }
        if (receiver != null) {
            receiver.stop();
        }
    }

    @Test
    void everyQueuedMessageArrivesOnceAfterTheReceiverRestarts(@TempDir Path dir) throws Exception {
        int portA = EmsgCli.freePort();
        int portB = EmsgCli.freePort();
        String serverA = "127.0.0.1:" + portA;
        String serverB = "127.0.0.1:" + portB;
        sender = NodeProcess.start(server("a.test", portA, dir.resolve("a.db"), "b.test=" + serverB), dir, "a");
        List<String> receiverArgs = server("b.test", portB, dir.resolve("b.db"), "a.test=" + serverA);
        receiver = NodeProcess.start(receiverArgs, dir, "b");

        String aliceKey = dir.resolve("alice.key").toString();
        String bobKey = dir.resolve("bob.key").toString();
        run("emsg", "keygen", "--out", aliceKey).line();
        run("emsg", "keygen", "--out", bobKey).line();
        run("emsg", "register", "--server", serverA, "--address", "alice#a.test", "--key", aliceKey)
                .line();
        run("emsg", "register", "--server", serverB, "--address", "bob#b.test", "--key", bobKey)
                .line();

        List<String> sent = new ArrayList<>();
        sent.add(send(serverA, aliceKey, "before the crash"));
        await().atMost(WAIT).until(() -> inbox(serverB, bobKey).size() == 1);

        receiver.kill();
        for (int i = 0; i < WHILE_DOWN; i++) {
            sent.add(send(serverA, aliceKey, "while down " + i));
        }
        receiver = NodeProcess.start(receiverArgs, dir, "b-restarted");

        await().atMost(WAIT).until(() -> inbox(serverB, bobKey).size() >= sent.size());
        // Retries after the restart must not add copies: look again once the sender has nothing left to retry.
        assertThat(send(serverA, aliceKey, "after the restart")).isNotNull();
        await().atMost(WAIT).until(() -> inbox(serverB, bobKey).size() >= sent.size() + 1);
        List<String> received =
                inbox(serverB, bobKey).stream().map(m -> m.path("id").asText()).toList();
        assertThat(received).doesNotHaveDuplicates().hasSize(sent.size() + 1).containsAll(sent);
    }

    private static List<String> server(String domain, int port, Path store, String peer) {
        return List.of(
                "emsg-server",
                "--domain",
                domain,
                "--port",
                Integer.toString(port),
                "--store",
                "sqlite:" + store,
                "--peer",
                peer,
                "--registration",
                "open",
                "--retry-max",
                "PT1S");
    }

    private static String send(String server, String key, String text) {
        return run(
                        "emsg",
                        "send",
                        "--server",
                        server,
                        "--key",
                        key,
                        "--from",
                        "alice#a.test",
                        "--to",
                        "bob#b.test",
                        "--text",
                        text)
                .line();
    }

    private static List<JsonNode> inbox(String server, String key) {
        return run("emsg", "inbox", "--server", server, "--key", key, "--address", "bob#b.test")
                .json();
    }
}
