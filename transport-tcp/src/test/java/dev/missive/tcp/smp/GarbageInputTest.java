package dev.missive.tcp.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random and adversarial bytes on many connections never stop the server or disturb a healthy
 * connection that is open the whole time.
 */
class GarbageInputTest {

    private static final String[] TOKENS = {
        "\r\n",
        "\r",
        "\n",
        " ",
        ":",
        "CONN",
        "SEND",
        "SUB",
        "KEY",
        "ACK",
        "OFF",
        "DEL",
        "MSG",
        "IDS",
        "OK",
        "END",
        "ERR",
        "AAAA",
        "!!",
        "=",
        "99999999999999999999",
        "2147483647",
        "-1",
        "0",
        "SEND 2000000000\r\n",
        "\r\n\r\nCONN ",
        "\0",
        "\u00ff"
    };

    private static byte[] garbage(Random random) {
        StringBuilder s = new StringBuilder();
        int parts = 1 + random.nextInt(60);
        for (int i = 0; i < parts; i++) {
            if (random.nextInt(4) == 0) {
                byte[] raw = new byte[1 + random.nextInt(300)];
                random.nextBytes(raw);
                s.append(new String(raw, StandardCharsets.ISO_8859_1));
            } else {
                s.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @EnumSource(SmpTransportMode.class)
    void garbageNeverKillsTheServerOrOtherConnections(SmpTransportMode mode) throws Exception {
        Random random = new Random(20201018L + mode.ordinal());
        try (SmpTcpServer server = ServerFixture.start(mode);
                RawClient healthy = RawClient.connect(server)) {
            SmpOverTcpTest.Queue q = SmpOverTcpTest.create(healthy);
            for (int round = 0; round < 150; round++) {
                try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
                    s.setSoTimeout(5_000);
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    int writes = 1 + random.nextInt(4);
                    for (int w = 0; w < writes; w++) {
                        out.write(garbage(random));
                    }
                    out.flush();
                    if (round % 2 == 0) {
                        s.shutdownOutput();
                        // The server answers, or closes; it must never hang on garbage.
                        drainUntilClosed(in);
                    }
                } catch (SocketException e) {
                    // The server may reset a connection it refused (encrypted mode: a bad handshake).
                }
                if (mode == SmpTransportMode.PLAIN && round % 10 == 0) {
                    // Garbage through a client connection that is otherwise well-behaved.
                    try (RawClient noisy = RawClient.connect(server)) {
                        noisy.send(garbage(random));
                        noisy.send(Wire.unsigned("", "HELLO"));
                    }
                }
            }
            // The healthy connection still works end to end.
            healthy.send(Wire.unsigned(q.sid(), "SEND :still here"));
            Wire.Reply first = healthy.next();
            Wire.Reply second = healthy.next();
            assertThat(java.util.List.of(first.kind(), second.kind())).containsExactlyInAnyOrder("OK", "MSG");
            Wire.Reply msg = first.kind().equals("MSG") ? first : second;
            assertThat(msg.bodyText()).isEqualTo("still here");
            // And new connections are served.
            try (RawClient late = RawClient.connect(server)) {
                assertThat(SmpOverTcpTest.create(late).rid()).isNotEmpty();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionCount() == 1);
        }
    }

    private static void drainUntilClosed(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        while (in.read(buf) >= 0) {
            // discard
        }
    }
}
