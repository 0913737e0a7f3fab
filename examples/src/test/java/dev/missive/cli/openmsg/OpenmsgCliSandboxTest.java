package dev.missive.cli.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.missive.cli.MissiveCli;
import dev.missive.jdbc.StoreUrl;
import dev.missive.openmsg.spi.OpenmsgUser;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Operator commands of a sandbox node must call peers under {@code /openmsg/sandbox/}, like the node's
 * own callbacks do: a sandbox-era PHP reference peer answered {@code auth/} only there. Found against
 * the live reference ({@code docs/openmsg-php-interop.md}, finding 2): {@code openmsg connect} posted
 * to {@code /openmsg/auth/} while the node (started with {@code --sandbox}) called back under
 * {@code /openmsg/sandbox/}.
 */
class OpenmsgCliSandboxTest {

    @TempDir
    Path dir;

    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer peer;

    @AfterEach
    void stopPeer() {
        if (peer != null) {
            peer.stop(0);
        }
    }

    @Test
    void connectWithSandboxCallsTheSandboxAuthPath() throws Exception {
        peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // The reference's auth/ answer to an unknown code, leaked CRLFs and all (captured on loopback).
        byte[] refusal = "\r\n\r\n{\"error\":true,\"error_message\":\"pass code not valid\"}\r\n\r\n\r\n\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8);
        peer.createContext("/openmsg/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
            exchange.sendResponseHeaders(200, refusal.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(refusal);
            }
        });
        peer.start();
        String store = "sqlite:" + dir.resolve("a.db");
        try (OpenmsgStoreHandle handle = OpenmsgStoreHandle.open(StoreUrl.parse(store))) {
            handle.store().putUser(new OpenmsgUser("1000000", "Alice"));
        }
        String peerBase = "b.example=http://127.0.0.1:" + peer.getAddress().getPort() + "/openmsg/";

        int connect = run(
                "openmsg",
                "connect",
                "--store",
                store,
                "--from",
                "1000000*a.example",
                "--to",
                "2000000*b.example",
                "--pass-code",
                "123456",
                "--peer",
                peerBase,
                "--sandbox");

        assertThat(connect).as("the peer refused the code").isEqualTo(1);
        assertThat(paths).containsExactly("/openmsg/sandbox/auth/");
    }

    private static int run(String... args) {
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }
}
