package dev.missive.tcp.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.Ed25519PrivateKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 2020 reference server's own conversations ({@code tests/Test.hs} of simplexmq
 * {@code 480ff8690}: syntax table, CONN/KEY/SEND, OFF/DEL, duplex, subscription takeover) replayed
 * on a raw socket against our plain-mode server. The reference compares "signatures" with the key
 * bytes; here every symbolic key of the script ({@code 1234}, {@code 4567}, ...) is an Ed25519 key
 * and every signed command is really signed, otherwise the bytes are the script's. The same
 * scripts, run against the reference server itself with its password keys, give the same replies.
 */
class Reference2020ConformanceTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ONE =
            b64("1".getBytes(StandardCharsets.US_ASCII)); // tPutRaw encodes the raw connId "1"

    private final Map<String, Ed25519PrivateKey> keys = new HashMap<>();
    private SmpTcpServer server;

    @BeforeEach
    void start() throws IOException {
        server = ServerFixture.start(SmpTransportMode.PLAIN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ------------------------------------------------------------------ syntax table of Test.hs

    static Stream<Arguments> syntaxTable() {
        Stream.Builder<Arguments> rows = Stream.builder();
        String one = ONE;
        rows.add(Arguments.of(
                "unknown command",
                "",
                b64("1234".getBytes(StandardCharsets.US_ASCII)),
                "HELLO",
                b64("1234".getBytes(StandardCharsets.US_ASCII)),
                "ERR UNKNOWN"));
        rows.add(Arguments.of("CONN no parameters", "", "", "CONN", "", "ERR SYNTAX 2"));
        rows.add(Arguments.of("CONN many parameters", "", "", "CONN 1 2", "", "ERR SYNTAX 2"));
        rows.add(Arguments.of("CONN has signature", "1234", "", "CONN {1234}", "", "ERR SYNTAX 4"));
        rows.add(Arguments.of("CONN queue ID", "", one, "CONN {1234}", one, "ERR SYNTAX 4"));
        rows.add(Arguments.of("KEY valid syntax", "1234", one, "KEY {4567}", one, "ERR AUTH"));
        rows.add(Arguments.of("KEY no parameters", "1234", one, "KEY", one, "ERR SYNTAX 2"));
        rows.add(Arguments.of("KEY many parameters", "1234", one, "KEY 1 2", one, "ERR SYNTAX 2"));
        rows.add(Arguments.of("KEY no signature", "", one, "KEY {4567}", one, "ERR SYNTAX 3"));
        rows.add(Arguments.of("KEY no queue ID", "1234", "", "KEY {4567}", "", "ERR SYNTAX 3"));
        for (String cmd : new String[] {"SUB", "ACK", "OFF", "DEL"}) {
            rows.add(Arguments.of(cmd + " valid syntax", "1234", one, cmd, one, "ERR AUTH"));
            rows.add(Arguments.of(cmd + " parameters", "1234", one, cmd + " 1", one, "ERR SYNTAX 2"));
            rows.add(Arguments.of(cmd + " no signature", "", one, cmd, one, "ERR SYNTAX 3"));
            rows.add(Arguments.of(cmd + " no queue ID", "1234", "", cmd, "", "ERR SYNTAX 3"));
        }
        rows.add(Arguments.of("SEND valid syntax 1", "1234", one, "SEND :hello", one, "ERR AUTH"));
        rows.add(Arguments.of("SEND no parameters", "1234", one, "SEND", one, "ERR SYNTAX 2"));
        rows.add(Arguments.of("SEND no queue ID", "1234", "", "SEND :hello", "", "ERR SYNTAX 5"));
        rows.add(Arguments.of("SEND bad message body 1", "1234", one, "SEND 11 hello", one, "ERR SYNTAX 6"));
        rows.add(Arguments.of("SEND bad message body 2", "1234", one, "SEND hello", one, "ERR SYNTAX 6"));
        // Not in Test.hs; observed on the reference server (it splits the line into words)
        rows.add(Arguments.of("SEND with an empty parameter", "", one, "SEND ", one, "ERR SYNTAX 2"));
        rows.add(Arguments.of("SEND bad body and no queue ID", "", "", "SEND abc", "", "ERR SYNTAX 5"));
        rows.add(Arguments.of("SEND extra words and no queue ID", "1234", "", "SEND 11 hello", "", "ERR SYNTAX 5"));
        rows.add(Arguments.of("broker response not allowed", "1234", one, "OK", one, "ERR PROHIBITED"));
        return rows.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxTable")
    void syntaxTableOfTheReferenceTests(
            String name, String signer, String connId, String command, String replyConnId, String reply)
            throws IOException {
        try (Peer p = new Peer()) {
            p.send(signer, connId, expandKeys(command), null);
            assertThat(p.receive()).isEqualTo(new Reply(replyConnId, reply, null));
        }
    }

    @Test
    void sizedSendBodiesOfTheReferenceTests() throws IOException {
        try (Peer p = new Peer()) {
            // "SEND 11\nhello there\n": body, then the transmission's CRLF, then one more CRLF
            p.send("1234", ONE, "SEND 11", ascii("hello there"));
            assertThat(p.receive()).isEqualTo(new Reply(ONE, "ERR AUTH", null));
        }
        try (Peer p = new Peer()) {
            // "SEND 4\nhello\n": 4 body bytes, then "o" where the empty line must be
            byte[] signed = concat(ascii(ONE + "\r\nSEND 4\r\n"), ascii("hell"));
            p.write(concat(ascii(b64(key("1234").sign(signed)) + "\r\n" + ONE + "\r\nSEND 4\r\nhello\r\n\r\n")));
            assertThat(p.receive()).isEqualTo(new Reply(ONE, "ERR SIZE", null));
        }
    }

    // ------------------------------------------------------------------ conversations of Test.hs

    @Test
    void createAndSecure() throws IOException {
        try (Peer h = new Peer()) {
            Ids q = h.create("1234");
            assertThat(h.call("", q.sid, "SEND :hello")).isEqualTo(new Reply(q.sid, "OK", null));
            assertThat(h.receive().body).isEqualTo(ascii("hello"));
            assertThat(h.call("1234", q.rid, "ACK").line).isEqualTo("OK");
            assertThat(h.call("1234", q.rid, "ACK").line).isEqualTo("ERR PROHIBITED");
            assertThat(h.call("4567", q.sid, "SEND :hello")).isEqualTo(new Reply(q.sid, "ERR AUTH", null));
            assertThat(h.call("12345678", q.rid, "KEY {4567}").line)
                    .as("wrong signature")
                    .isEqualTo("ERR AUTH");
            assertThat(h.call("1234", q.sid, "KEY {4567}").line)
                    .as("sender's ID")
                    .isEqualTo("ERR AUTH");
            assertThat(h.call("1234", q.rid, "KEY {4567}")).isEqualTo(new Reply(q.rid, "OK", null));
            assertThat(h.call("1234", q.rid, "KEY {4567}").line)
                    .as("already secured")
                    .isEqualTo("ERR AUTH");
            h.send("4567", q.sid, "SEND 11", ascii("hello again"));
            assertThat(h.receive().line).isEqualTo("OK");
            assertThat(h.receive().body).isEqualTo(ascii("hello again"));
            assertThat(h.call("1234", q.rid, "ACK").line).isEqualTo("OK");
            assertThat(h.call("", q.sid, "SEND :hello").line)
                    .as("unsigned after KEY")
                    .isEqualTo("ERR AUTH");
        }
    }

    @Test
    void createSuspendDelete() throws IOException {
        try (Peer rh = new Peer();
                Peer sh = new Peer()) {
            Ids q = rh.create("1234");
            assertThat(rh.call("1234", q.rid, "KEY {4567}").line).isEqualTo("OK");
            assertThat(sh.call("4567", q.sid, "SEND :hello").line).isEqualTo("OK");
            assertThat(sh.call("4567", q.sid, "SEND :hello 2").line).isEqualTo("OK");
            assertThat(rh.receive().body).isEqualTo(ascii("hello"));
            assertThat(rh.call("12345678", q.rid, "OFF").line).isEqualTo("ERR AUTH");
            assertThat(rh.call("1234", q.sid, "OFF").line).isEqualTo("ERR AUTH");
            assertThat(rh.call("1234", q.rid, "OFF")).isEqualTo(new Reply(q.rid, "OK", null));
            assertThat(sh.call("4567", q.sid, "SEND :hello").line).isEqualTo("ERR AUTH");
            assertThat(sh.call("", q.sid, "SEND :hello").line).isEqualTo("ERR AUTH");
            assertThat(rh.call("1234", q.rid, "OFF").line)
                    .as("OFF is idempotent")
                    .isEqualTo("OK");
            assertThat(rh.call("1234", q.rid, "SUB").body)
                    .as("SUB on a suspended queue redelivers")
                    .isEqualTo(ascii("hello"));
            assertThat(rh.call("12345678", q.rid, "DEL").line).isEqualTo("ERR AUTH");
            assertThat(rh.call("1234", q.sid, "DEL").line).isEqualTo("ERR AUTH");
            assertThat(rh.call("1234", q.rid, "DEL")).isEqualTo(new Reply(q.rid, "OK", null));
            assertThat(sh.call("4567", q.sid, "SEND :hello").line).isEqualTo("ERR AUTH");
            assertThat(sh.call("", q.sid, "SEND :hello").line).isEqualTo("ERR AUTH");
            assertThat(rh.call("1234", q.rid, "ACK").line).isEqualTo("ERR AUTH");
            assertThat(rh.call("1234", q.rid, "OFF").line).isEqualTo("ERR AUTH");
            assertThat(rh.call("1234", q.rid, "SUB").line).isEqualTo("ERR AUTH");
        }
    }

    @Test
    void duplexOverTwoQueues() throws IOException {
        try (Peer alice = new Peer();
                Peer bob = new Peer()) {
            Ids a = alice.create("1234");
            assertThat(bob.call("", a.sid, "SEND :key {efgh}").line).isEqualTo("OK");
            String key1 = alice.receiveText().substring(4);
            assertThat(alice.call("1234", a.rid, "ACK").line).isEqualTo("OK");
            assertThat(alice.call("1234", a.rid, "KEY " + key1).line).isEqualTo("OK");
            Ids b = bob.create("abcd");
            assertThat(bob.call("efgh", a.sid, "SEND :reply_id " + b.sid).line).isEqualTo("OK");
            assertThat(alice.receiveText()).isEqualTo("reply_id " + b.sid);
            assertThat(alice.call("1234", a.rid, "ACK").line).isEqualTo("OK");
            assertThat(alice.call("", b.sid, "SEND :key {5678}").line).isEqualTo("OK");
            String key2 = bob.receiveText().substring(4);
            assertThat(bob.call("abcd", b.rid, "ACK").line).isEqualTo("OK");
            assertThat(bob.call("abcd", b.rid, "KEY " + key2).line).isEqualTo("OK");
            assertThat(bob.call("efgh", a.sid, "SEND :hi alice").line).isEqualTo("OK");
            assertThat(alice.receiveText()).isEqualTo("hi alice");
            assertThat(alice.call("1234", a.rid, "ACK").line).isEqualTo("OK");
            assertThat(alice.call("5678", b.sid, "SEND :how are you bob").line).isEqualTo("OK");
            assertThat(bob.receiveText()).isEqualTo("how are you bob");
            assertThat(bob.call("abcd", b.rid, "ACK").line).isEqualTo("OK");
        }
    }

    @Test
    void subscriptionMovesToAnotherConnection() throws IOException {
        try (Peer rh1 = new Peer();
                Peer rh2 = new Peer();
                Peer sh = new Peer()) {
            Ids q = rh1.create("1234");
            assertThat(sh.call("", q.sid, "SEND :test1").line).isEqualTo("OK");
            assertThat(sh.call("", q.sid, "SEND :test2, no ACK").line).isEqualTo("OK");
            assertThat(rh1.receiveText()).isEqualTo("test1");
            assertThat(rh1.call("1234", q.rid, "ACK").body).isEqualTo(ascii("test2, no ACK"));
            assertThat(rh2.call("1234", q.rid, "SUB").body)
                    .as("unACKed message redelivered")
                    .isEqualTo(ascii("test2, no ACK"));
            assertThat(rh2.call("1234", q.rid, "ACK").line).isEqualTo("OK");
            assertThat(rh1.receive()).isEqualTo(new Reply(q.rid, "END", null));
            assertThat(sh.call("", q.sid, "SEND :test3").line).isEqualTo("OK");
            assertThat(rh2.receiveText()).isEqualTo("test3");
            assertThat(rh1.call("1234", q.rid, "ACK").line).isEqualTo("ERR PROHIBITED");
            assertThat(rh2.call("1234", q.rid, "ACK").line).isEqualTo("OK");
            assertThat(rh1.nothingWithin(1000)).isTrue();
        }
    }

    // ------------------------------------------------------------------ wire helpers

    private record Reply(String connId, String line, byte[] body) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Reply r
                    && connId.equals(r.connId)
                    && line.equals(r.line)
                    && java.util.Arrays.equals(body, r.body);
        }

        @Override
        public int hashCode() {
            return connId.hashCode() * 31 + line.hashCode();
        }

        @Override
        public String toString() {
            return "[" + connId + "|" + line + (body == null ? "" : "|" + new String(body, StandardCharsets.ISO_8859_1))
                    + "]";
        }
    }

    private record Ids(String rid, String sid) {}

    private Ed25519PrivateKey key(String name) {
        return keys.computeIfAbsent(name, n -> Ed25519PrivateKey.generate(RANDOM));
    }

    /** Replaces each {@code {name}} with base64 of that symbolic key's SPKI. */
    private String expandKeys(String command) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < command.length()) {
            int open = command.indexOf('{', i);
            if (open < 0) {
                out.append(command, i, command.length());
                break;
            }
            int close = command.indexOf('}', open);
            out.append(command, i, open)
                    .append(b64(
                            key(command.substring(open + 1, close)).publicKey().spki()));
            i = close + 1;
        }
        return out.toString();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A raw socket client: strict CRLF reader, signs with the symbolic keys. */
    private final class Peer implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Peer() throws IOException {
            socket = new Socket("127.0.0.1", server.address().getPort());
            socket.setSoTimeout(20_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            assertThat(readLine()).isEqualTo("Welcome to SMP");
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Sends a transmission signed by {@code signer} (empty: unsigned); {@code body} for a sized SEND. */
        void send(String signer, String connId, String command, byte[] body) throws IOException {
            byte[] signed = body == null
                    ? ascii(connId + "\r\n" + command)
                    : concat(ascii(connId + "\r\n" + command + "\r\n"), body);
            String signature = signer.isEmpty() ? "" : b64(key(signer).sign(signed));
            write(concat(ascii(signature + "\r\n"), signed, ascii("\r\n")));
        }

        Reply call(String signer, String connId, String command) throws IOException {
            send(signer, connId, expandKeys(command), null);
            return receive();
        }

        Ids create(String recipientKey) throws IOException {
            Reply r = call("", "", "CONN {" + recipientKey + "}");
            assertThat(r.connId).isEmpty();
            String[] parts = r.line.split(" ");
            assertThat(parts).hasSize(3);
            assertThat(parts[0]).isEqualTo("IDS");
            return new Ids(parts[1], parts[2]);
        }

        String receiveText() throws IOException {
            Reply r = receive();
            assertThat(r.line).isEqualTo("MSG");
            return new String(r.body, StandardCharsets.US_ASCII);
        }

        Reply receive() throws IOException {
            assertThat(readLine()).as("server signature line").isEmpty();
            String connId = readLine();
            String line = readLine();
            byte[] body = null;
            if (line.startsWith("MSG ")) {
                String[] parts = line.split(" ");
                assertThat(parts).hasSize(4);
                assertThat(parts[2]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
                body = in.readNBytes(Integer.parseInt(parts[3]));
                assertThat(readLine()).as("one empty line after the body").isEmpty();
                line = "MSG";
            }
            return new Reply(connId, line, body);
        }

        boolean nothingWithin(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return true;
            } finally {
                socket.setSoTimeout(20_000);
            }
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("end of stream after '" + line + "'");
                }
                if (b == '\n') {
                    assertThat(previous).as("lines end with CRLF").isEqualTo('\r');
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
                previous = b;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
