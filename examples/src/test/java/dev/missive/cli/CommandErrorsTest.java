package dev.missive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.openmsg.JdbcOpenmsgStore;
import dev.missive.openmsg.spi.OpenmsgUser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command reports a bad argument as a usage error (exit 2) and a failure at run time as exit 1,
 * each as one line {@code missive <command>: <reason>} on stderr naming the value at fault.
 */
class CommandErrorsTest {

    /** What a finished command printed. */
    private record Result(int exit, String out, String err) {}

    /**
     * Runs {@code args} to completion. Servers that fail to start return at once; the bound only
     * keeps a regression (a server that starts after all) from hanging the build.
     */
    private static Result run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<Integer> exit = executor.submit(() -> cli.execute(args));
            return new Result(exit.get(60, TimeUnit.SECONDS), out.toString(), err.toString());
        } finally {
            executor.shutdownNow();
        }
    }

    /** Each command that takes {@code --store}, with every other argument it requires. */
    static Stream<Arguments> commandsWithAStore() {
        return Stream.of(
                Arguments.of("missive smp-server", List.of("smp-server", "--port", "0")),
                Arguments.of("missive openmsg-node", List.of("openmsg-node", "--domain", "a.example", "--port", "0")),
                Arguments.of("missive openmsg passcode", List.of("openmsg", "passcode", "--user", "1")),
                Arguments.of(
                        "missive openmsg connect",
                        List.of(
                                "openmsg",
                                "connect",
                                "--from",
                                "1*a.example",
                                "--to",
                                "2*b.example",
                                "--pass-code",
                                "123456")),
                Arguments.of(
                        "missive openmsg send",
                        List.of("openmsg", "send", "--from", "1*a.example", "--to", "2*b.example", "--text", "x")),
                Arguments.of("missive openmsg inbox", List.of("openmsg", "inbox", "--user", "1")),
                Arguments.of("missive osms-server", List.of("osms-server", "--port", "0")),
                Arguments.of(
                        "missive osms register",
                        List.of("osms", "register", "--username", "alice", "--public-key", "alice.key.pub")));
    }

    private static String[] with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static void assertOneLine(Result result, int exit, String prefix) {
        assertThat(result.exit()).as(result.err()).isEqualTo(exit);
        assertThat(result.err().lines().toList()).as(result.err()).hasSize(1);
        assertThat(result.err())
                .startsWith(prefix + ": ")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsWithAStore")
    void anUnsupportedStoreUrlIsAUsageErrorNamingTheUrl(String command, List<String> args) throws Exception {
        Result result = run(with(args, "--store", "foo:bar"));

        assertOneLine(result, CommandLine.ExitCode.USAGE, command);
        assertThat(result.err())
                .contains("--store")
                .contains("'foo:bar'")
                .contains("expected memory:, sqlite:PATH or jdbc:postgresql://...");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsWithAStore")
    void aMalformedPostgresUrlIsAUsageErrorThatHidesItsQuery(String command, List<String> args) throws Exception {
        Result result = run(with(args, "--store", "jdbc:postgresql://127.0.0.1/?password=hunter2"));

        assertOneLine(result, CommandLine.ExitCode.USAGE, command);
        assertThat(result.err()).contains("jdbc:postgresql://127.0.0.1/").doesNotContain("hunter2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsWithAStore")
    void anUnreachableDatabaseIsARuntimeFailureNamingTheUrl(String command, List<String> args) throws Exception {
        int closed = freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/test?password=hunter2";

        Result result = run(with(args, "--store", url));

        assertOneLine(result, CommandLine.ExitCode.SOFTWARE, command);
        assertThat(result.err())
                .contains("cannot open store jdbc:postgresql://127.0.0.1:" + closed + "/test")
                .doesNotContain("hunter2");
    }

    static Stream<Arguments> servers() {
        return Stream.of(
                Arguments.of("missive smp-server", List.of("smp-server")),
                Arguments.of("missive openmsg-node", List.of("openmsg-node", "--domain", "a.example")),
                Arguments.of("missive osms-server", List.of("osms-server")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aPortOutOfRangeIsAUsageErrorNamingThePort(String command, List<String> args) throws Exception {
        Result result = run(with(args, "--port", "99999"));

        assertOneLine(result, CommandLine.ExitCode.USAGE, command);
        assertThat(result.err()).contains("--port").contains("'99999' is not a port");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aPortInUseIsARuntimeFailureNamingThePort(String command, List<String> args) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            Result result = run(with(args, "--port", Integer.toString(port)));

            assertOneLine(result, CommandLine.ExitCode.SOFTWARE, command);
            assertThat(result.err()).contains("cannot listen on 127.0.0.1:" + port + ": ");
        }
    }

    @Test
    void aTlsCertificateWithoutItsKeyIsAUsageError() throws Exception {
        Result result = run("openmsg-node", "--domain", "a.example", "--port", "0", "--tls-cert", "node.pem");

        assertOneLine(result, CommandLine.ExitCode.USAGE, "missive openmsg-node");
        assertThat(result.err()).contains("--tls-cert and --tls-key go together");
    }

    @Test
    void anInvalidDomainIsAUsageErrorNamingIt() throws Exception {
        Result result = run("openmsg-node", "--domain", "a_b", "--port", "0");

        assertOneLine(result, CommandLine.ExitCode.USAGE, "missive openmsg-node");
        assertThat(result.err()).contains("--domain a_b: ");
    }

    @Test
    void aMissingKeyFileIsARuntimeFailureNamingTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("absent.pem");

        Result result = run("smp-server", "--port", "0", "--transport", "encrypted", "--key", missing.toString());

        assertOneLine(result, CommandLine.ExitCode.SOFTWARE, "missive smp-server");
        assertThat(result.err()).contains("cannot load or store the server key: no such file " + missing);
    }

    /** One row: the arguments, the exit code and what the one line must say. */
    private record Row(List<String> args, int exit, String command, String says) {
        @Override
        public String toString() {
            return String.join(" ", args) + " -> " + exit;
        }
    }

    @TempDir
    static Path stores;

    /** An existing SQLite store of node a.example with local user 1000000. */
    private static String existingStore() {
        Path file = stores.resolve("a.db");
        if (!Files.exists(file)) {
            try (Database database = Database.open("sqlite:" + file)) {
                JdbcOpenmsgStore store = new JdbcOpenmsgStore(database);
                store.putUser(new OpenmsgUser("1000000", "Alice"));
                store.registerNodeDomain("a.example", Instant.now());
            }
        }
        return "sqlite:" + file;
    }

    /**
     * The table of issue 15 ("The CLI and README as a newcomer meets them"), row by row, and the
     * rows its fixes added: each gives one line {@code missive <command>: ...} naming the value.
     */
    static Stream<Row> errorTable() throws Exception {
        String store = existingStore();
        String missing = stores.resolve("typo/a.db").toString();
        int closed = freePort();
        return Stream.of(
                new Row(
                        List.of("openmsg", "inbox", "--store", "foo:bar", "--user", "1"),
                        2,
                        "missive openmsg inbox",
                        "'foo:bar' is not a store URL"),
                new Row(
                        List.of("smp-server", "--port", "0", "--store", "foo:bar"),
                        2,
                        "missive smp-server",
                        "'foo:bar' is not a store URL"),
                new Row(
                        List.of("openmsg-node", "--domain", "a.example", "--port", "0", "--store", "foo:bar"),
                        2,
                        "missive openmsg-node",
                        "'foo:bar' is not a store URL"),
                new Row(
                        List.of("openmsg", "inbox", "--store", store, "--user", "2000000"),
                        1,
                        "missive openmsg inbox",
                        "no local user 2000000 in " + store),
                new Row(
                        List.of("openmsg", "passcode", "--store", store, "--user", "2000000"),
                        1,
                        "missive openmsg passcode",
                        "no local user 2000000 in " + store),
                new Row(
                        List.of(
                                "openmsg",
                                "send",
                                "--store",
                                store,
                                "--from",
                                "2000000*a.example",
                                "--to",
                                "1*b.example",
                                "--text",
                                "x"),
                        1,
                        "missive openmsg send",
                        "no local user 2000000 in " + store),
                new Row(
                        List.of("openmsg", "inbox", "--store", store, "--user", "nobody"),
                        2,
                        "missive openmsg inbox",
                        "'nobody' is not a user id"),
                new Row(
                        List.of("openmsg", "passcode", "--store", store, "--user", "abc"),
                        2,
                        "missive openmsg passcode",
                        "'abc' is not a user id"),
                new Row(
                        List.of("openmsg-node", "--domain", "a.example", "--port", "0", "--user", "abc"),
                        2,
                        "missive openmsg-node",
                        "--user abc: address id must be a non-empty string of digits"),
                new Row(
                        List.of(
                                "openmsg",
                                "connect",
                                "--store",
                                store,
                                "--from",
                                "1000000",
                                "--to",
                                "2*b.example",
                                "--pass-code",
                                "123456"),
                        2,
                        "missive openmsg connect",
                        "'1000000' is not an address ID*DOMAIN"),
                new Row(
                        List.of("openmsg", "inbox", "--store", "sqlite:" + missing, "--user", "1000000"),
                        1,
                        "missive openmsg inbox",
                        "no store at sqlite:" + missing + ": no such file " + missing),
                new Row(
                        List.of("openmsg", "inbox", "--store", "memory:", "--user", "1000000"),
                        2,
                        "missive openmsg inbox",
                        "--store memory: is empty in every process"),
                new Row(List.of("smp-server", "--port", "99999"), 2, "missive smp-server", "'99999' is not a port"),
                new Row(
                        List.of(
                                "openmsg-node",
                                "--domain",
                                "a.example",
                                "--port",
                                "0",
                                "--tls-cert",
                                "/nonexistent.pem",
                                "--tls-key",
                                "/nonexistent.key"),
                        1,
                        "missive openmsg-node",
                        "cannot load --tls-cert /nonexistent.pem and --tls-key /nonexistent.key:"
                                + " no such file /nonexistent.pem"),
                new Row(
                        List.of(
                                "openmsg",
                                "inbox",
                                "--store",
                                "jdbc:postgresql://127.0.0.1:" + closed + "/test",
                                "--user",
                                "1"),
                        1,
                        "missive openmsg inbox",
                        "cannot open store jdbc:postgresql://127.0.0.1:" + closed + "/test: cannot connect to the"
                                + " PostgreSQL database: Connection refused"),
                new Row(
                        List.of("openmsg-node", "--domain", "a.example", "--port", "0", "--peer", "nonsense"),
                        2,
                        "missive openmsg-node",
                        "'nonsense' is not DOMAIN=URL"),
                new Row(
                        List.of(
                                "openmsg",
                                "send",
                                "--store",
                                store,
                                "--from",
                                "1000000*a.example",
                                "--to",
                                "2*b.example",
                                "--text",
                                "x",
                                "--peer",
                                "b.example=ftp://b"),
                        2,
                        "missive openmsg send",
                        "'b.example=ftp://b': the URL is not an absolute http://"),
                new Row(
                        List.of("smp-server", "--port", "0", "--message-ttl", "3days"),
                        2,
                        "missive smp-server",
                        "'3days' is not a positive ISO-8601 duration"),
                new Row(
                        List.of("osms", "lookup", "--server", "ftp://x", "--username", "bob"),
                        2,
                        "missive osms lookup",
                        "'ftp://x' is not an http(s) URL"),
                new Row(
                        List.of("osms", "lookup", "--server", "http://127.0.0.1:1", "--username", "bob!"),
                        2,
                        "missive osms lookup",
                        "'bob!' is not a username"),
                new Row(
                        List.of(
                                "osms",
                                "lookup",
                                "--server",
                                "http://127.0.0.1:1",
                                "--username",
                                "bob",
                                "--socks",
                                "nonsense"),
                        2,
                        "missive osms lookup",
                        "'nonsense' is not HOST:PORT"),
                new Row(
                        List.of(
                                "osms",
                                "lookup",
                                "--server",
                                "http://127.0.0.1:1",
                                "--username",
                                "bob",
                                "--server-fingerprint",
                                "xyz"),
                        2,
                        "missive osms lookup",
                        "'xyz' is not a key fingerprint"),
                new Row(
                        List.of(
                                "osms",
                                "inbox",
                                "--server",
                                "http://127.0.0.1:1",
                                "--key",
                                "k",
                                "--username",
                                "bob",
                                "--wait",
                                "soon"),
                        2,
                        "missive osms inbox",
                        "'soon' is not a positive duration"),
                new Row(
                        List.of(
                                "osms",
                                "lookup",
                                "--server",
                                "http://pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion",
                                "--username",
                                "bob"),
                        2,
                        "missive osms lookup",
                        "is an onion service: give Tor's SOCKS5 proxy with --socks"),
                new Row(
                        List.of("osms-server", "--port", "0", "--registration", "maybe"),
                        2,
                        "missive osms-server",
                        "'maybe'"),
                new Row(
                        List.of("osms-server", "--port", "0", "--key", "/nonexistent.key"),
                        1,
                        "missive osms-server",
                        "cannot read --key /nonexistent.key: no such file /nonexistent.key"),
                new Row(
                        List.of(
                                "osms",
                                "inbox",
                                "--server",
                                "http://127.0.0.1:" + closed,
                                "--key",
                                "/nonexistent.key",
                                "--username",
                                "bob",
                                "--state",
                                stores.resolve("osms-state").toString()),
                        1,
                        "missive osms inbox",
                        "cannot read --key /nonexistent.key: no such file /nonexistent.key"),
                new Row(
                        List.of(
                                "osms",
                                "lookup",
                                "--server",
                                "http://127.0.0.1:" + closed,
                                "--username",
                                "bob",
                                "--state",
                                stores.resolve("osms-state").toString()),
                        1,
                        "missive osms lookup",
                        "cannot reach http://127.0.0.1:" + closed + ": "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorTable")
    void everyRowOfTheErrorTableIsOneLineWithItsExitCode(Row row) throws Exception {
        Result result = run(row.args().toArray(String[]::new));

        assertOneLine(result, row.exit(), row.command());
        assertThat(result.err()).contains(row.says());
    }

    @Test
    void anOperatorCommandCreatesNoStore() throws Exception {
        Path missing = stores.resolve("nowhere/b.db");

        Result result = run("openmsg", "passcode", "--store", "sqlite:" + missing, "--user", "1");

        assertOneLine(result, CommandLine.ExitCode.SOFTWARE, "missive openmsg passcode");
        assertThat(missing.getParent()).doesNotExist();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
