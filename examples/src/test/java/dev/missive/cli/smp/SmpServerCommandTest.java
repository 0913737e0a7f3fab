package dev.missive.cli.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.cli.MissiveCli;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code missive smp-server} in-process: it prints its address and serves the seed dialect. */
class SmpServerCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    /** The servers a test started, stopped after it so none writes into a deleted directory. */
    private final List<Thread> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws InterruptedException {
        servers.forEach(Thread::interrupt);
        for (Thread server : servers) {
            server.join(Duration.ofSeconds(30));
        }
    }

    /** Starts the command on a virtual thread; it runs until the test ends. */
    private StringWriter start(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        servers.add(Thread.ofVirtual().start(() -> cli.execute(args)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> LISTENING.matcher(out.toString()).find());
        return out;
    }

    private static int port(StringWriter out) {
        Matcher m = LISTENING.matcher(out.toString());
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void plainServerOnAnyFreePortAnswersConnWithIds() throws Exception {
        StringWriter out = start("smp-server", "--port", "0");
        try (Socket s = new Socket("127.0.0.1", port(out))) {
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            assertThat(new String(in.readNBytes(16), StandardCharsets.US_ASCII)).isEqualTo("Welcome to SMP\r\n");
            // An Ed25519 SubjectPublicKeyInfo.
            byte[] spki = new byte[44];
            System.arraycopy(
                    new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00},
                    0,
                    spki,
                    0,
                    12);
            java.util.Arrays.fill(spki, 12, 44, (byte) 0x11);
            s.getOutputStream()
                    .write(("\r\n\r\nCONN " + Base64.getEncoder().encodeToString(spki) + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            byte[] reply = in.readNBytes(4 + 4);
            assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("\r\n\r\nIDS ");
        }
    }

    @Test
    void encryptedServerKeepsItsKeyNextToTheSqliteStore(@TempDir Path dir) {
        String store = "sqlite:" + dir.resolve("smp.db");
        StringWriter first = start("smp-server", "--port", "0", "--transport", "encrypted", "--store", store);
        Matcher hash = Pattern.compile("key-hash ([A-Za-z0-9_-]{43})\\R").matcher(first.toString());
        assertThat(hash.find()).isTrue();
        assertThat(Files.exists(dir.resolve("smp.db.smp-key.pem"))).isTrue();
        StringWriter second = start("smp-server", "--port", "0", "--transport", "encrypted", "--store", store);
        assertThat(second.toString()).contains("key-hash " + hash.group(1));
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            line.append((char) b);
            if (line.length() >= 2
                    && line.charAt(line.length() - 2) == '\r'
                    && line.charAt(line.length() - 1) == '\n') {
                return line.substring(0, line.length() - 2);
            }
        }
        throw new java.io.EOFException(line.toString());
    }

    private static void write(Socket s, String text) throws java.io.IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void sqliteStoreKeepsAnUnacknowledgedMessageForAnotherServerProcessOnTheSameFile(@TempDir Path dir)
            throws Exception {
        String store = "sqlite:" + dir.resolve("smp.db");
        var rk = dev.missive.crypto.Ed25519PrivateKey.generate(new java.security.SecureRandom());
        String rid;
        try (Socket alice = new Socket("127.0.0.1", port(start("smp-server", "--port", "0", "--store", store)))) {
            alice.setSoTimeout(20_000);
            InputStream in = alice.getInputStream();
            assertThat(readLine(in)).isEqualTo("Welcome to SMP");
            write(
                    alice,
                    "\r\n\r\nCONN "
                            + Base64.getEncoder().encodeToString(rk.publicKey().spki()) + "\r\n");
            readLine(in);
            readLine(in);
            String[] ids = readLine(in).split(" ");
            rid = ids[1];
            write(alice, "\r\n" + ids[2] + "\r\nSEND :kept on disk\r\n");
            // OK for the SEND and the MSG push, in either order.
            StringBuilder seen = new StringBuilder();
            while (!(seen.indexOf("OK") >= 0 && seen.indexOf("kept on disk") >= 0)) {
                seen.append(readLine(in)).append('\n');
            }
        }
        // A second server process on the same database file: the message was committed before OK.
        try (Socket again = new Socket("127.0.0.1", port(start("smp-server", "--port", "0", "--store", store)))) {
            again.setSoTimeout(20_000);
            InputStream in = again.getInputStream();
            assertThat(readLine(in)).isEqualTo("Welcome to SMP");
            String signature =
                    Base64.getEncoder().encodeToString(rk.sign((rid + "\r\nSUB").getBytes(StandardCharsets.US_ASCII)));
            write(again, signature + "\r\n" + rid + "\r\nSUB\r\n");
            assertThat(readLine(in)).isEmpty();
            assertThat(readLine(in)).isEqualTo(rid);
            assertThat(readLine(in)).startsWith("MSG ").endsWith(" 12");
            assertThat(readLine(in)).isEqualTo("kept on disk");
        }
    }
}
