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
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code missive smp-server} in-process: it prints its address and serves the seed dialect. */
class SmpServerCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    /** Starts the command on a daemon virtual thread; it runs until the test JVM exits. */
    private static StringWriter start(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        Thread.ofVirtual().start(() -> cli.execute(args));
        await().atMost(Duration.ofSeconds(60)).until(() -> LISTENING.matcher(out.toString()).find());
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
            System.arraycopy(new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00}, 0, spki, 0, 12);
            java.util.Arrays.fill(spki, 12, 44, (byte) 0x11);
            s.getOutputStream().write(("\r\n\r\nCONN " + Base64.getEncoder().encodeToString(spki) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] reply = in.readNBytes(4 + 4);
            assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("\r\n\r\nIDS ");
        }
    }

    @Test
    void encryptedServerKeepsItsKeyNextToTheSqliteStore(@TempDir Path dir) {
        String store = "sqlite:" + dir.resolve("smp.db");
        StringWriter first = start("smp-server", "--port", "0", "--transport", "encrypted", "--store", store);
        Matcher hash = Pattern.compile("key-hash ([A-Za-z0-9+/=]{44})").matcher(first.toString());
        assertThat(hash.find()).isTrue();
        assertThat(Files.exists(dir.resolve("smp.db.smp-key.pem"))).isTrue();
        StringWriter second = start("smp-server", "--port", "0", "--transport", "encrypted", "--store", store);
        assertThat(second.toString()).contains("key-hash " + hash.group(1));
    }
}
