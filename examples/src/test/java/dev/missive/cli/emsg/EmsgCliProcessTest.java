package dev.missive.cli.emsg;

import static dev.missive.cli.emsg.EmsgCli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missive.crash.NodeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI flow against two {@code missive emsg-server} processes on SQLite stores federating
 * on loopback: keygen, register, a message each way, both inboxes, a group across the two domains
 * (created with a remote member, renamed, messaged by that member), a profile with a private field,
 * and the operator's {@code account add} on the closed server.
 */
class EmsgCliProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

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
    void twoServersFederateThroughTheCli(@TempDir Path dir) throws Exception {
        int portA = EmsgCli.freePort();
        int portB = EmsgCli.freePort();
        String serverA = "127.0.0.1:" + portA;
        String serverB = "127.0.0.1:" + portB;
        a = NodeProcess.start(
                List.of(
                        "emsg-server",
                        "--domain",
                        "a.test",
                        "--port",
                        "" + portA,
                        "--store",
                        "sqlite:" + dir.resolve("a.db"),
                        "--peer",
                        "b.test=" + serverB,
                        "--registration",
                        "open"),
                dir,
                "a");
        String storeB = "sqlite:" + dir.resolve("b.db");
        b = NodeProcess.start(
                List.of(
                        "emsg-server",
                        "--domain",
                        "b.test",
                        "--port",
                        "" + portB,
                        "--store",
                        storeB,
                        "--peer",
                        "a.test=" + serverA),
                dir,
                "b");
        assertThat(a.stdout()).contains("listening on " + serverA);

        String aliceKey = dir.resolve("alice.key").toString();
        String bobKey = dir.resolve("bob.key").toString();
        assertThat(run("emsg", "keygen", "--out", aliceKey).line()).matches("[A-Za-z0-9+/]{43}=");
        String bobPublic = run("emsg", "keygen", "--out", bobKey).line();

        assertThat(run("emsg", "register", "--server", serverA, "--address", "alice#a.test", "--key", aliceKey)
                        .line())
                .isEqualTo("registered alice#a.test");
        // b.test runs with closed registration: the operator adds Bob to its store.
        EmsgCli.Result refused =
                run("emsg", "register", "--server", serverB, "--address", "bob#b.test", "--key", bobKey);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("missive emsg register: refused: 403");
        assertThat(run(
                                "emsg",
                                "account",
                                "add",
                                "--store",
                                storeB,
                                "--address",
                                "bob#b.test",
                                "--public-key",
                                bobPublic)
                        .line())
                .isEqualTo("added bob#b.test");

        String toBob = run(
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
                        "Hello Bob")
                .line();
        assertThat(toBob).matches(UUID);
        String toAlice = run(
                        "emsg",
                        "send",
                        "--server",
                        serverB,
                        "--key",
                        bobKey,
                        "--from",
                        "bob#b.test",
                        "--to",
                        "alice#a.test",
                        "--text",
                        "Hello Alice")
                .line();

        await().atMost(WAIT).until(() -> inbox(serverB, bobKey, "bob#b.test").size() == 1);
        JsonNode atBob = inbox(serverB, bobKey, "bob#b.test").get(0);
        assertThat(atBob.path("id").asText()).isEqualTo(toBob);
        assertThat(atBob.path("type").asText()).isEqualTo("chat");
        assertThat(atBob.path("from").asText()).isEqualTo("alice#a.test");
        assertThat(atBob.path("to").asText()).isEqualTo("bob#b.test");
        assertThat(atBob.path("group").isNull()).isTrue();
        assertThat(atBob.path("text").asText()).isEqualTo("Hello Bob");
        assertThat(atBob.path("sent_at").asLong()).isPositive();
        await().atMost(WAIT)
                .until(() -> inbox(serverA, aliceKey, "alice#a.test").size() == 1);
        assertThat(inbox(serverA, aliceKey, "alice#a.test").get(0).path("id").asText())
                .isEqualTo(toAlice);

        String group = run(
                        "emsg",
                        "group",
                        "create",
                        "--server",
                        serverA,
                        "--key",
                        aliceKey,
                        "--address",
                        "alice#a.test",
                        "--name",
                        "Project",
                        "--member",
                        "bob#b.test")
                .line();
        assertThat(group).matches("g-" + UUID + "#a\\.test");
        run(
                        "emsg",
                        "group",
                        "rename",
                        "--server",
                        serverA,
                        "--key",
                        aliceKey,
                        "--address",
                        "alice#a.test",
                        "--group",
                        group,
                        "--name",
                        "Project X")
                .line();
        String inGroup = run(
                        "emsg",
                        "send",
                        "--server",
                        serverB,
                        "--key",
                        bobKey,
                        "--from",
                        "bob#b.test",
                        "--to",
                        group,
                        "--text",
                        "Hello group")
                .line();

        await().atMost(WAIT)
                .until(() -> inbox(serverA, aliceKey, "alice#a.test").stream()
                        .anyMatch(m -> m.path("id").asText().equals(inGroup)));
        JsonNode groupMessage = inbox(serverA, aliceKey, "alice#a.test").stream()
                .filter(m -> m.path("id").asText().equals(inGroup))
                .findFirst()
                .orElseThrow();
        assertThat(groupMessage.path("group").asText()).isEqualTo(group);
        assertThat(groupMessage.path("from").asText()).isEqualTo("bob#b.test");
        await().atMost(WAIT)
                .until(() ->
                        events(inbox(serverB, bobKey, "bob#b.test")).containsAll(List.of("joined", "group_renamed")));

        run(
                        "emsg",
                        "profile",
                        "set",
                        "--server",
                        serverA,
                        "--key",
                        aliceKey,
                        "--address",
                        "alice#a.test",
                        "--field",
                        "first_name=Alice",
                        "--field",
                        "address=1 Secret Lane",
                        "--visibility",
                        "address=private")
                .line();
        JsonNode seenByBob = run(
                        "emsg",
                        "profile",
                        "get",
                        "--server",
                        serverB,
                        "--key",
                        bobKey,
                        "--address",
                        "bob#b.test",
                        "--of",
                        "alice#a.test")
                .json()
                .get(0);
        assertThat(seenByBob.path("fields").path("first_name").asText()).isEqualTo("Alice");
        assertThat(seenByBob.path("fields").has("address")).isFalse();
        run(
                        "emsg",
                        "contact",
                        "add",
                        "--server",
                        serverB,
                        "--key",
                        bobKey,
                        "--address",
                        "bob#b.test",
                        "--contact",
                        "alice#a.test")
                .line();
    }

    private static List<JsonNode> inbox(String server, String key, String address) {
        return run("emsg", "inbox", "--server", server, "--key", key, "--address", address)
                .json();
    }

    private static List<String> events(List<JsonNode> inbox) {
        return inbox.stream()
                .filter(m -> m.path("type").asText().equals("system"))
                .map(m -> m.path("event").asText())
                .toList();
    }
}
