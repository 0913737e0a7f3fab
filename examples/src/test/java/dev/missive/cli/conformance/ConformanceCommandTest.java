package dev.missive.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.cli.MissiveCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;

/**
 * {@code missive conformance} against the CLI's own servers, as CI runs it: {@code smp-server} in
 * both transports and {@code openmsg-node} driven by the operator commands as shell hooks. Every
 * check passes and the exit code is 0.
 */
class ConformanceCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern KEY_HASH = Pattern.compile("key-hash (\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a finished command printed. */
    record Result(int exit, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Starts a server command on a daemon virtual thread (it runs until the test JVM exits). */
    private static String startServer(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        Thread.ofVirtual().start(() -> cli.execute(args));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> LISTENING.matcher(out.toString()).find());
        return out.toString();
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void smpServerPassesTheSuiteInPlainMode(@TempDir Path dir) throws Exception {
        String port = group(LISTENING, startServer("smp-server", "--port", "0"));
        Path junit = dir.resolve("smp.xml");
        Result result = run("conformance", "smp", "--target", "127.0.0.1:" + port, "--junit", junit.toString());
        assertThat(result.exit()).as(result.out()).isZero();
        assertThat(result.out())
                .contains("every required check passed")
                .doesNotContain("FAIL ")
                .doesNotContain("SKIP ");
        assertThat(result.err())
                .contains("[1/35] smp.transport.connect ... PASS")
                .contains("[35/35]");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getDocumentElement().getAttribute("tests")).isEqualTo("35");
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(35);
    }

    @Test
    void smpServerPassesTheSuiteInEncryptedModeWithJsonOutput() throws Exception {
        String out = startServer("smp-server", "--port", "0", "--transport", "encrypted");
        Result result = run(
                "conformance",
                "smp",
                "--target",
                "127.0.0.1:" + group(LISTENING, out),
                "--transport",
                "encrypted",
                "--key-hash",
                group(KEY_HASH, out),
                "--json");
        assertThat(result.exit()).as(result.out()).isZero();
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("summary").path("pass").asInt())
                .isEqualTo(report.path("checks").size());
        assertThat(report.path("checks").findValuesAsText("id")).contains("smp.transport.bad-handshake");
    }

    @Test
    void openmsgNodePassesTheSuiteDrivenByTheOperatorCommands(@TempDir Path dir) throws Exception {
        int suitePort = freePort();
        String store = "sqlite:" + dir.resolve("target.db");
        String peer = "suite.example=http://127.0.0.1:" + suitePort + "/openmsg/";
        String port = group(
                LISTENING,
                startServer(
                        "openmsg-node",
                        "--domain",
                        "target.example",
                        "--port",
                        "0",
                        "--store",
                        store,
                        "--peer",
                        peer,
                        "--user",
                        "2000000:Target"));
        // The hooks run the operator commands in their own JVMs, as a shell script would.
        String missive = cli();
        Result result = run(
                "conformance", "openmsg",
                "--target", "http://127.0.0.1:" + port + "/openmsg/",
                "--target-user", "2000000*target.example",
                "--domain", "suite.example",
                "--listen", "127.0.0.1:" + suitePort,
                "--passcode-cmd", missive + " openmsg passcode --store " + store + " --user {user_id}",
                "--connect-cmd",
                        missive + " openmsg connect --store " + store
                                + " --from \"$MISSIVE_USER\" --to \"$MISSIVE_PEER\" --pass-code {pass_code} --peer "
                                + peer,
                "--send-cmd",
                        missive + " openmsg send --store " + store
                                + " --from \"$MISSIVE_USER\" --to \"$MISSIVE_PEER\" --text {text} --peer " + peer,
                "--inbox-cmd", missive + " openmsg inbox --store " + store + " --user {user_id}");
        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("23 checks: 23 passed, 0 failed, 0 skipped; every required check passed");
    }

    @Test
    void osmsServerWithOpenRegistrationPassesTheSuite(@TempDir Path dir) throws Exception {
        String port = group(LISTENING, startServer("osms-server", "--port", "0", "--registration", "open"));
        Path junit = dir.resolve("osms.xml");
        Result result = run("conformance", "osms", "--target", "http://127.0.0.1:" + port, "--junit", junit.toString());
        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        // Without --handshake-ttl, --session-ttl and --max-sessions their three hardening checks are skipped.
        assertThat(result.out())
                .contains("29 checks: 26 passed, 0 failed, 3 skipped; every required check passed")
                .contains("needs --max-sessions");
        assertThat(result.err()).contains("[1/29] osms.pk.gob ... PASS");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(29);
    }

    @Test
    void emsgServerWithOpenRegistrationPassesTheSuite(@TempDir Path dir) throws Exception {
        String port = group(
                LISTENING,
                startServer(
                        "emsg-server",
                        "--domain",
                        "conf.example",
                        "--port",
                        "0",
                        "--registration",
                        "open",
                        "--idle-timeout",
                        "PT10S",
                        "--handshake-timeout",
                        "PT10S"));
        Path junit = dir.resolve("emsg.xml");
        Result result = run(
                "conformance",
                "emsg",
                "--target",
                "127.0.0.1:" + port,
                "--domain",
                "conf.example",
                "--idle-timeout",
                "PT10S",
                "--junit",
                junit.toString());
        assertThat(result.exit()).as(result.out()).isZero();
        // The idle checks run too: the server's idle timeout is shortened to what the suite is told.
        assertThat(result.out())
                .contains("47 checks: 47 passed, 0 failed, 0 skipped; every required check passed")
                .doesNotContain("FAIL ");
        assertThat(result.err()).contains("[1/47] emsg.session.hello ... PASS");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(47);
    }

    @Test
    void emsgServerWithClosedRegistrationPassesWithOperatorAccounts(@TempDir Path dir) throws Exception {
        String store = "sqlite:" + dir.resolve("emsg.db");
        List<String> accounts = new ArrayList<>();
        for (String user : List.of("alice", "bob")) {
            Path key = dir.resolve(user + ".key");
            Result keygen = run("emsg", "keygen", "--out", key.toString());
            assertThat(keygen.exit()).as(keygen.err()).isZero();
            String address = user + "#conf.example";
            Result add = run(
                    "emsg",
                    "account",
                    "add",
                    "--store",
                    store,
                    "--address",
                    address,
                    "--public-key",
                    keygen.out().strip());
            assertThat(add.exit()).as(add.err()).isZero();
            accounts.add("--account");
            accounts.add(address + "=" + key);
        }
        String port = group(
                LISTENING, startServer("emsg-server", "--domain", "conf.example", "--port", "0", "--store", store));
        List<String> args = new ArrayList<>(
                List.of("conformance", "emsg", "--target", "127.0.0.1:" + port, "--domain", "conf.example", "--json"));
        args.addAll(accounts);
        Result result = run(args.toArray(String[]::new));
        assertThat(result.exit()).as(result.out()).isZero();
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("checks").findValuesAsText("id"))
                .contains("emsg.register.closed")
                .doesNotContain("emsg.register.open");
    }

    @Test
    void meshServerPassesTheSuite(@TempDir Path dir) throws Exception {
        int port = freePort();
        startServer("mesh-server", "--port", String.valueOf(port));
        Path junit = dir.resolve("mesh.xml");
        Result result = run(
                "conformance", "mesh", "--target", "http://127.0.0.1:" + port, "--junit", junit.toString(), "--json");
        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("summary").path("pass").asInt())
                .isEqualTo(report.path("checks").size());
        assertThat(report.path("checks").findValuesAsText("id"))
                .contains("mesh.send.no-replace", "mesh.discard.no-resurrection");
        assertThat(result.err()).contains("mesh.version.shape ... PASS");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(xml.getElementsByTagName("testcase").getLength())
                .isEqualTo(report.path("checks").size());
    }

    @Test
    void aTargetThatIsNotThereFailsWithExitCodeOne() throws Exception {
        Result result = run("conformance", "smp", "--target", "127.0.0.1:" + freePort());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out())
                .contains("FAIL  required   smp.transport.connect")
                .contains("could not connect");
    }

    @Test
    void usageErrorsExitWithTwo() {
        for (List<String> args : List.of(
                List.of("conformance", "smp", "--target", "nowhere"),
                List.of("conformance", "smp", "--target", "127.0.0.1:1", "--transport", "encrypted"),
                List.of(
                        "conformance",
                        "openmsg",
                        "--target",
                        "http://127.0.0.1:1/openmsg/",
                        "--target-user",
                        "x",
                        "--domain",
                        "suite.example",
                        "--listen",
                        "127.0.0.1:0"),
                List.of("conformance", "osms", "--target", "127.0.0.1:8443"),
                List.of("conformance", "osms", "--target", "http://127.0.0.1:1", "--max-sessions", "0"),
                List.of("conformance", "emsg", "--target", "nowhere", "--domain", "conf.example"),
                List.of("conformance", "emsg", "--target", "127.0.0.1:1", "--domain", "Not A Domain"),
                List.of(
                        "conformance",
                        "emsg",
                        "--target",
                        "127.0.0.1:1",
                        "--domain",
                        "conf.example",
                        "--account",
                        "alice#conf.example=alice.key"),
                List.of("conformance", "mesh", "--target", "127.0.0.1:8081"),
                List.of("conformance", "mesh", "--target", "http://127.0.0.1:1", "--audience", "ftp://x"))) {
            Result result = run(args.toArray(String[]::new));
            assertThat(result.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.err()).startsWith("missive conformance ");
        }
    }

    /** {@code java -cp <this test's class path> dev.missive.cli.MissiveCli}, quoted for {@code sh -c}. */
    private static String cli() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path classpath = Files.createTempFile("missive-cp", ".txt");
        classpath.toFile().deleteOnExit();
        // An argument file keeps the long class path out of the command line.
        Files.writeString(
                classpath, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"");
        return "'" + java + "' @'" + classpath + "' dev.missive.cli.MissiveCli";
    }
}
