package dev.missive.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link SmpTestServer}'s scripted behaviours and recording, seen from a raw socket. */
class SmpTestServerTest {

    private static Socket connect(SmpTestServer server) throws IOException {
        Socket socket = new Socket(server.host(), server.port());
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static String read(InputStream in, int n) throws IOException {
        return new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    @Test
    void servesTheSeedDialectAndRecordsWhatItReceives() throws Exception {
        try (SmpTestServer server = SmpTestServer.builder().start();
                Socket socket = connect(server)) {
            InputStream in = socket.getInputStream();
            assertThat(read(in, 16)).isEqualTo("Welcome to SMP\r\n");
            write(socket, "\r\n\r\nHELLO\r\n");
            assertThat(read(in, 17)).isEqualTo("\r\n\r\nERR UNKNOWN\r\n");
            assertThat(server.takeTransmission())
                    .isEqualTo(new RecordedTransmission(1, new SmpTransmission("", "", "HELLO", null)));
        }
    }

    @Test
    void refusesDelaysAndAnswersGarbageConnectionByConnection() throws Exception {
        try (SmpTestServer server = SmpTestServer.builder().greeting(false).start()) {
            server.enqueue(SmpConnectionBehavior.refuse());
            server.enqueue(SmpConnectionBehavior.delay(Duration.ofMillis(200)));
            server.enqueue(SmpConnectionBehavior.garbage("\u0000garbage\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            try (Socket refused = connect(server)) {
                assertThat(refused.getInputStream().read()).isEqualTo(-1);
            }
            try (Socket delayed = connect(server)) {
                write(delayed, "\r\n\r\nHELLO\r\n");
                assertThat(read(delayed.getInputStream(), 17)).isEqualTo("\r\n\r\nERR UNKNOWN\r\n");
            }
            try (Socket garbage = connect(server)) {
                write(garbage, "\r\n\r\nHELLO\r\n");
                assertThat(read(garbage.getInputStream(), 10)).isEqualTo("\u0000garbage\r\n");
            }
            assertThat(server.connectionCount()).isEqualTo(3);
            assertThat(server.received())
                    .extracting(RecordedTransmission::connection)
                    .containsExactly(2, 3);
        }
    }

    @Test
    void closesOnTheNthTransmissionAndFiltersReplies() throws Exception {
        try (SmpTestServer server = SmpTestServer.builder().greeting(false).start()) {
            server.enqueue(SmpConnectionBehavior.closeOnTransmission(2));
            server.setReplyFilter(
                    t -> t.command().equals("ERR UNKNOWN") ? new SmpTransmission("", "", "ERR INTERNAL", null) : t);
            try (Socket socket = connect(server)) {
                write(socket, "\r\n\r\nHELLO\r\n");
                assertThat(read(socket.getInputStream(), 18)).isEqualTo("\r\n\r\nERR INTERNAL\r\n");
                write(socket, "\r\n\r\nHELLO\r\n");
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
        }
    }
}
