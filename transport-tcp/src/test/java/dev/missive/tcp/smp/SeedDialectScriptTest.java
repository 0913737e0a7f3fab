package dev.missive.tcp.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.Ed25519PrivateKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example session of {@code docs/smp.md} ("The smp-server command") on a raw socket, byte for
 * byte: what any client written from the seed text sees from our plain-mode server.
 */
class SeedDialectScriptTest {

    private static final String B64 = "[A-Za-z0-9+/]+={0,2}";

    private SmpTcpServer server;

    @BeforeEach
    void start() throws IOException {
        server = ServerFixture.start(SmpTransportMode.PLAIN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket socket() throws IOException {
        Socket s = new Socket("127.0.0.1", server.address().getPort());
        s.setSoTimeout(20_000);
        return s;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream after '" + line + "'");
            }
            line.append((char) b);
            if (line.length() >= 2
                    && line.charAt(line.length() - 2) == '\r'
                    && line.charAt(line.length() - 1) == '\n') {
                return line.substring(0, line.length() - 2);
            }
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void greetingConnSendAndMsgPushAsInTheDocumentedSession() throws IOException {
        String recipientKey = Wire.b64(
                Ed25519PrivateKey.generate(new SecureRandom()).publicKey().spki());
        try (Socket alice = socket();
                Socket bob = socket()) {
            InputStream aliceIn = alice.getInputStream();
            InputStream bobIn = bob.getInputStream();
            assertThat(readLine(aliceIn)).isEqualTo("Welcome to SMP");
            assertThat(readLine(bobIn)).isEqualTo("Welcome to SMP");

            write(alice.getOutputStream(), "\r\n\r\nCONN " + recipientKey + "\r\n");
            assertThat(readLine(aliceIn)).isEmpty();
            assertThat(readLine(aliceIn)).isEmpty();
            Matcher ids = Pattern.compile("IDS (" + B64 + ") (" + B64 + ")").matcher(readLine(aliceIn));
            assertThat(ids.matches()).isTrue();
            String rid = ids.group(1);
            String sid = ids.group(2);
            assertThat(rid).isNotEqualTo(sid);
            // At least 96 random bits per ID (16 base64 characters in the reference server).
            assertThat(rid.length()).isGreaterThanOrEqualTo(16);

            write(bob.getOutputStream(), "\r\n" + sid + "\r\nSEND :hello world\r\n");
            assertThat(readLine(bobIn)).isEmpty();
            assertThat(readLine(bobIn)).isEqualTo(sid);
            assertThat(readLine(bobIn)).isEqualTo("OK");

            assertThat(readLine(aliceIn)).isEmpty();
            assertThat(readLine(aliceIn)).isEqualTo(rid);
            String msg = readLine(aliceIn);
            assertThat(msg).matches("MSG " + B64 + " \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z 11");
            assertThat(new String(aliceIn.readNBytes(13), StandardCharsets.US_ASCII))
                    .isEqualTo("hello world\r\n");
        }
    }

    @Test
    void noGreetingWhenDisabled() throws IOException {
        server.close();
        server = SmpTcpServer.builder(ServerFixture.engine())
                .port(0)
                .plain(false)
                .start();
        try (Socket s = socket()) {
            write(s.getOutputStream(), "\r\n\r\nHELLO\r\n");
            InputStream in = s.getInputStream();
            assertThat(readLine(in)).isEmpty();
            assertThat(readLine(in)).isEmpty();
            assertThat(readLine(in)).isEqualTo("ERR UNKNOWN");
        }
    }

    @Test
    void halfClosedClientStillGetsItsReplies() throws IOException {
        try (Socket s = socket()) {
            InputStream in = s.getInputStream();
            assertThat(readLine(in)).isEqualTo("Welcome to SMP");
            write(s.getOutputStream(), "\r\n\r\nHELLO\r\n\r\n\r\nOK\r\n");
            s.shutdownOutput();
            String rest = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(rest).isEqualTo("\r\n\r\nERR UNKNOWN\r\n\r\n\r\nERR PROHIBITED\r\n");
        }
    }
}
