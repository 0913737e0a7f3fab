package dev.missive.cli.emsg;

import static dev.missive.cli.emsg.EmsgCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EMSG commands' failures: one line {@code missive <command>: <what, with the value>}, exit 1 or 2. */
class EmsgCommandErrorsTest {

    private static void oneLine(EmsgCli.Result result, int exit, String start) {
        assertThat(result.exit()).as(result.err()).isEqualTo(exit);
        assertThat(result.err().lines().findFirst().orElse("")).startsWith(start);
    }

    @Test
    void badValuesAreUsageErrors(@TempDir Path dir) {
        String key = dir.resolve("k.pem").toString();
        run("emsg", "keygen", "--out", key).line();

        oneLine(
                run(
                        "emsg",
                        "send",
                        "--server",
                        "127.0.0.1:1",
                        "--key",
                        key,
                        "--from",
                        "alice",
                        "--to",
                        "bob#b.test",
                        "--text",
                        "x"),
                2,
                "missive emsg send: --from 'alice'");
        oneLine(
                run("emsg", "inbox", "--server", "nowhere", "--key", key, "--address", "alice#a.test"),
                2,
                "missive emsg inbox: Invalid value for option '--server': 'nowhere' is not HOST:PORT");
        oneLine(
                run("emsg-server", "--domain", "not a domain", "--port", "0"),
                2,
                "missive emsg-server: --domain 'not a domain'");
        oneLine(
                run("emsg-server", "--domain", "a.test", "--port", "0", "--peer", "b.test"),
                2,
                "missive emsg-server: Invalid value for option '--peer' (DOMAIN=HOST:PORT): 'b.test' is not DOMAIN=HOST:PORT");
        oneLine(
                run("emsg-server", "--domain", "a.test", "--port", "0", "--idle-timeout", "PT0S"),
                2,
                "missive emsg-server: Invalid value for option '--idle-timeout': 'PT0S' is not a positive");
        oneLine(
                run("emsg-server", "--domain", "a.test", "--port", "0", "--handshake-timeout", "P30D"),
                2,
                "missive emsg-server: --idle-timeout / --handshake-timeout: handshakeTimeout must be positive");
        oneLine(
                run("emsg-server", "--domain", "a.test", "--port", "0", "--tls-cert", key),
                2,
                "missive emsg-server: --tls-cert and --tls-key go together");
        oneLine(
                run(
                        "emsg",
                        "profile",
                        "set",
                        "--server",
                        "127.0.0.1:1",
                        "--key",
                        key,
                        "--address",
                        "a#a.test",
                        "--field",
                        "nickname=x"),
                1,
                "missive emsg profile set: cannot talk to 127.0.0.1:1");
        oneLine(
                run("emsg", "account", "add", "--store", "memory:", "--address", "a#a.test", "--public-key", "AAAA"),
                2,
                "missive emsg account add: --store memory: is empty in every process");
    }

    @Test
    void runtimeFailuresExitWith1(@TempDir Path dir) {
        String key = dir.resolve("k.pem").toString();
        run("emsg", "keygen", "--out", key).line();

        oneLine(run("emsg", "keygen", "--out", key), 1, "missive emsg keygen: key file " + key + " exists");
        oneLine(
                run(
                        "emsg",
                        "send",
                        "--server",
                        "127.0.0.1:1",
                        "--key",
                        key,
                        "--from",
                        "alice#a.test",
                        "--to",
                        "bob#b.test",
                        "--text",
                        "x"),
                1,
                "missive emsg send: cannot talk to 127.0.0.1:1: Connection refused");
        oneLine(
                run(
                        "emsg",
                        "register",
                        "--server",
                        "127.0.0.1:1",
                        "--key",
                        dir.resolve("missing.pem").toString(),
                        "--address",
                        "a#a.test"),
                1,
                "missive emsg register: cannot read key file");
    }
}
