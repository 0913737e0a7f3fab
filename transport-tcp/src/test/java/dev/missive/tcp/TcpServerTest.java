package dev.missive.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.missive.event.CloseReason;
import dev.missive.event.ConnectionEvent;
import dev.missive.event.EventListener;
import dev.missive.event.FailureKind;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** {@link TcpServer} on loopback with real sockets, serving a tiny line-echo protocol. */
class TcpServerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ConnectionSettings QUICK = ConnectionSettings.DEFAULTS
            .withIdleTimeout(Duration.ofMillis(300))
            .withHandshakeTimeout(Duration.ofMillis(300));
    private static final int MAX_LINE = 64;

    /** Every connection event, in order. */
    private final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    /** The reasons sessions were told when their connection closed. */
    private final Queue<CloseReason> sessionsClosed = new ConcurrentLinkedQueue<>();

    private final EventListener recorder = new EventListener() {
        @Override
        public void onConnectionEvent(ConnectionEvent event) {
            events.add(event);
        }
    };

    /** Echoes each LF-terminated line back; a line longer than {@link #MAX_LINE} breaks the protocol. */
    private final ConnectionHandler echo = connection -> new ConnectionHandler.Session() {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public void accept(byte[] bytes, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                line.write(bytes[i]);
                if (bytes[i] == '\n') {
                    connection.send(line.toByteArray());
                    line.reset();
                } else if (line.size() > MAX_LINE) {
                    throw new IOException("line too long");
                }
            }
        }

        @Override
        public void closed(CloseReason reason) {
            sessionsClosed.add(reason);
        }
    };

    /** The echo protocol behind a handshake: the client says {@code HELLO}, the server greets {@code READY}. */
    private final ConnectionHandler helloThenEcho = new ConnectionHandler() {
        @Override
        public Framing handshake(InputStream in, OutputStream out) throws IOException {
            ByteArrayOutputStream hello = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new EOFException("closed during the handshake");
                }
                hello.write(b);
                if (hello.size() > MAX_LINE) {
                    throw new HandshakeException("handshake line too long");
                }
            }
            if (!hello.toString(StandardCharsets.US_ASCII).equals("HELLO")) {
                throw new HandshakeException("expected HELLO");
            }
            return new Framing(WireCodec.plain(), List.of(ascii("READY\n")));
        }

        @Override
        public Session open(FramedConnection connection) {
            return echo.open(connection);
        }
    };

    /** The echo protocol whose handshake is in the stream: nothing is echoed until a {@code HELLO} line. */
    private final ConnectionHandler helloInStream = new ConnectionHandler() {
        @Override
        public boolean handshakeInStream() {
            return true;
        }

        @Override
        public Session open(FramedConnection connection) {
            Session echoing = echo.open(connection);
            return new Session() {
                private boolean greeted;
                private final ByteArrayOutputStream hello = new ByteArrayOutputStream();

                @Override
                public void accept(byte[] bytes, int off, int len) throws IOException {
                    if (greeted) {
                        echoing.accept(bytes, off, len);
                        return;
                    }
                    for (int i = off; i < off + len && !greeted; i++) {
                        if (bytes[i] != '\n') {
                            hello.write(bytes[i]);
                        } else if (hello.toString(StandardCharsets.US_ASCII).equals("HELLO")) {
                            greeted = true;
                            connection.handshakeComplete();
                            connection.send(ascii("READY\n"));
                            echoing.accept(bytes, i + 1, off + len - i - 1);
                        } else {
                            hello.reset();
                        }
                    }
                }

                @Override
                public void closed(CloseReason reason) {
                    echoing.closed(reason);
                }
            };
        }
    };

    private TcpServer.Builder server() {
        return TcpServer.builder("echo").port(0).eventListener(recorder);
    }

    private static Socket connect(TcpServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String readLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            assertThat(b).as("a complete line before end of stream").isNotNegative();
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** Reads until the server ends the connection; true if it did (by FIN or reset). */
    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            while (socket.getInputStream().read() >= 0) {
                // whatever the server still sends
            }
            return true;
        } catch (SocketException e) {
            return true;
        }
    }

    private <T extends ConnectionEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private ConnectionEvent.Closed awaitClosed(long connectionId) {
        await().atMost(WAIT)
                .until(() -> events(ConnectionEvent.Closed.class).stream()
                        .anyMatch(closed -> closed.connectionId() == connectionId));
        return events(ConnectionEvent.Closed.class).stream()
                .filter(closed -> closed.connectionId() == connectionId)
                .findFirst()
                .orElseThrow();
    }

    private ConnectionEvent.Opened awaitOpened(int count) {
        await().atMost(WAIT).until(() -> events(ConnectionEvent.Opened.class).size() >= count);
        return events(ConnectionEvent.Opened.class).get(count - 1);
    }

    @Test
    void echoesAndReportsTheConnectionFromOpenToPeerCloseWithByteCounts() throws IOException {
        try (TcpServer server = server().start(echo)) {
            long id;
            String remote;
            try (Socket client = connect(server)) {
                client.getOutputStream().write(ascii("hello\nworld\n"));
                assertThat(readLine(client)).isEqualTo("hello");
                assertThat(readLine(client)).isEqualTo("world");
                ConnectionEvent.Opened opened = awaitOpened(1);
                id = opened.connectionId();
                remote = "127.0.0.1:" + client.getLocalPort();
                assertThat(opened.protocol()).isEqualTo("echo");
                assertThat(opened.remote()).isEqualTo(remote);
            }
            ConnectionEvent.Closed closed = awaitClosed(id);
            assertThat(closed.reason()).isEqualTo(CloseReason.PEER_CLOSED);
            assertThat(closed.remote()).isEqualTo(remote);
            assertThat(closed.bytesIn()).isEqualTo(12);
            assertThat(closed.bytesOut()).isEqualTo(12);
            assertThat(sessionsClosed).containsExactly(CloseReason.PEER_CLOSED);
            assertThat(events(ConnectionEvent.HandshakeFailed.class)).isEmpty();
            await().atMost(WAIT).until(() -> server.connectionCount() == 0);
        }
    }

    @Test
    void byteCountsIncludeTheHandshakeAndTheGreeting() throws IOException {
        try (TcpServer server = server().start(helloThenEcho);
                Socket client = connect(server)) {
            client.getOutputStream().write(ascii("HELLO\nping\n"));
            assertThat(readLine(client)).isEqualTo("READY");
            assertThat(readLine(client)).isEqualTo("ping");
            client.shutdownOutput();
            assertThat(closedByServer(client)).isTrue();
            ConnectionEvent.Closed closed = awaitClosed(awaitOpened(1).connectionId());
            assertThat(closed.reason()).isEqualTo(CloseReason.PEER_CLOSED);
            assertThat(closed.bytesIn()).isEqualTo("HELLO\nping\n".length());
            assertThat(closed.bytesOut()).isEqualTo("READY\nping\n".length());
        }
    }

    @Test
    void connectionsBeyondTheBoundAreRefusedAndTheOthersKeepWorking() throws IOException {
        try (TcpServer server = server().maxConnections(1).start(echo);
                Socket first = connect(server)) {
            awaitOpened(1);
            try (Socket second = connect(server)) {
                assertThat(closedByServer(second)).isTrue();
                await().atMost(WAIT)
                        .until(() -> !events(ConnectionEvent.Refused.class).isEmpty());
                ConnectionEvent.Refused refused =
                        events(ConnectionEvent.Refused.class).getFirst();
                assertThat(refused.protocol()).isEqualTo("echo");
                assertThat(refused.remote()).isEqualTo("127.0.0.1:" + second.getLocalPort());
                assertThat(refused.why()).contains("limit");
            }
            assertThat(events(ConnectionEvent.Opened.class)).hasSize(1);
            first.getOutputStream().write(ascii("still here\n"));
            assertThat(readLine(first)).isEqualTo("still here");
        }
    }

    @Test
    void theSlotOfAClosedConnectionIsFreedForTheNext() throws IOException {
        try (TcpServer server = server().maxConnections(1).start(echo)) {
            try (Socket first = connect(server)) {
                first.getOutputStream().write(ascii("one\n"));
                assertThat(readLine(first)).isEqualTo("one");
            }
            awaitClosed(awaitOpened(1).connectionId());
            try (Socket second = connect(server)) {
                second.getOutputStream().write(ascii("two\n"));
                assertThat(readLine(second)).isEqualTo("two");
            }
            assertThat(events(ConnectionEvent.Refused.class)).isEmpty();
        }
    }

    @Test
    void anIdleConnectionIsClosedWithIdleTimeout() throws IOException {
        try (TcpServer server = server().settings(QUICK).start(echo);
                Socket client = connect(server)) {
            assertThat(closedByServer(client)).isTrue();
            ConnectionEvent.Closed closed = awaitClosed(awaitOpened(1).connectionId());
            assertThat(closed.reason()).isEqualTo(CloseReason.IDLE_TIMEOUT);
            assertThat(sessionsClosed).containsExactly(CloseReason.IDLE_TIMEOUT);
        }
    }

    @Test
    void aSilentClientIsDroppedAfterTheHandshakeTimeout() throws IOException {
        try (TcpServer server = server().settings(QUICK).start(helloThenEcho);
                Socket client = connect(server)) {
            assertThat(closedByServer(client)).isTrue();
            long id = awaitOpened(1).connectionId();
            ConnectionEvent.Closed closed = awaitClosed(id);
            assertThat(closed.reason()).isEqualTo(CloseReason.HANDSHAKE_TIMEOUT);
            assertThat(closed.bytesIn()).isZero();
            ConnectionEvent.HandshakeFailed failed =
                    events(ConnectionEvent.HandshakeFailed.class).getFirst();
            assertThat(failed.connectionId()).isEqualTo(id);
            assertThat(failed.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(sessionsClosed).as("no session was opened").isEmpty();
        }
    }

    @Test
    void aBadHandshakeIsAProtocolErrorWithoutAReply() throws IOException {
        try (TcpServer server = server().start(helloThenEcho);
                Socket client = connect(server)) {
            client.getOutputStream().write(ascii("GOODBYE\n"));
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            long id = awaitOpened(1).connectionId();
            ConnectionEvent.Closed closed = awaitClosed(id);
            assertThat(closed.reason()).isEqualTo(CloseReason.PROTOCOL_ERROR);
            assertThat(closed.bytesIn()).isEqualTo("GOODBYE\n".length());
            assertThat(closed.bytesOut()).isZero();
            ConnectionEvent.HandshakeFailed failed =
                    events(ConnectionEvent.HandshakeFailed.class).getFirst();
            assertThat(failed.kind()).isEqualTo(FailureKind.HANDSHAKE);
            assertThat(failed.detail()).contains("expected HELLO");
        }
    }

    @Test
    void aPeerThatLeavesDuringTheHandshakeIsReportedAsPeerClosed() throws IOException {
        try (TcpServer server = server().start(helloThenEcho)) {
            try (Socket client = connect(server)) {
                client.getOutputStream().write(ascii("HEL"));
            }
            ConnectionEvent.Closed closed = awaitClosed(awaitOpened(1).connectionId());
            assertThat(closed.reason()).isEqualTo(CloseReason.PEER_CLOSED);
            assertThat(events(ConnectionEvent.HandshakeFailed.class).getFirst().kind())
                    .isEqualTo(FailureKind.RESET);
        }
    }

    @Test
    void bytesTheSessionRefusesCloseTheConnectionWithProtocolError() throws IOException {
        try (TcpServer server = server().start(echo);
                Socket client = connect(server)) {
            client.getOutputStream().write(ascii("x".repeat(MAX_LINE + 1)));
            assertThat(closedByServer(client)).isTrue();
            ConnectionEvent.Closed closed = awaitClosed(awaitOpened(1).connectionId());
            assertThat(closed.reason()).isEqualTo(CloseReason.PROTOCOL_ERROR);
            assertThat(sessionsClosed).containsExactly(CloseReason.PROTOCOL_ERROR);
        }
    }

    @Test
    void closeStopsAcceptingClosesEveryConnectionAndWaitsForItsHandler() throws IOException {
        TcpServer server = server().start(helloThenEcho);
        int port = server.port();
        try (Socket established = connect(server);
                Socket handshaking = connect(server)) {
            established.getOutputStream().write(ascii("HELLO\nping\n"));
            assertThat(readLine(established)).isEqualTo("READY");
            assertThat(readLine(established)).isEqualTo("ping");
            awaitOpened(2);

            server.close();

            // close() returned after both handlers finished: their events are already in.
            List<ConnectionEvent.Closed> closed = events(ConnectionEvent.Closed.class);
            assertThat(closed).hasSize(2).allMatch(event -> event.reason() == CloseReason.SERVER_STOPPING);
            assertThat(sessionsClosed).containsExactly(CloseReason.SERVER_STOPPING);
            assertThat(events(ConnectionEvent.HandshakeFailed.class))
                    .as("stopping is not a failure")
                    .isEmpty();
            assertThat(server.connectionCount()).isZero();
            assertThat(closedByServer(established)).isTrue();
            assertThat(closedByServer(handshaking)).isTrue();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        server.close(); // idempotent
    }

    @Test
    void aThrowingListenerDoesNotBreakAConnection() throws IOException {
        EventListener throwing = new EventListener() {
            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (TcpServer server =
                server().eventListener(throwing).maxConnections(1).start(echo)) {
            for (String word : List.of("one", "two")) {
                // The second connection is only served if the first one's slot was released past the listener.
                try (Socket client = connect(server)) {
                    client.getOutputStream().write(ascii(word + "\n"));
                    assertThat(readLine(client)).isEqualTo(word);
                }
                await().atMost(WAIT).until(() -> server.connectionCount() == 0);
            }
            assertThat(sessionsClosed).containsExactly(CloseReason.PEER_CLOSED, CloseReason.PEER_CLOSED);
        }
    }

    @Test
    void periodicTasksKeepRunningAfterAFailureAndStopOnClose() throws IOException {
        AtomicInteger runs = new AtomicInteger();
        TcpServer server = server().periodicTask(Duration.ofMillis(10), () -> {
                    if (runs.incrementAndGet() == 1) {
                        throw new IllegalStateException("first run fails");
                    }
                })
                .start(echo);
        try (server) {
            await().atMost(WAIT).until(() -> runs.get() >= 3);
        }
        int afterClose = runs.get();
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> runs.get() == afterClose);
    }

    /** Server and client TLS from a committed self-signed test certificate for 127.0.0.1 (password {@code changeit}). */
    private static SSLContext testTls() throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TcpServerTest.class.getResourceAsStream("tls-test.p12")) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void servesTlsThroughAnSslServerSocketFactory() throws Exception {
        SSLContext tls = testTls();
        try (TcpServer server =
                server().serverSocketFactory(tls.getServerSocketFactory()).start(echo)) {
            try (SSLSocket client = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port())) {
                client.setSoTimeout((int) WAIT.toMillis());
                client.getOutputStream().write(ascii("private\n"));
                client.getOutputStream().flush();
                assertThat(readLine(client)).isEqualTo("private");
            }
            ConnectionEvent.Closed closed = awaitClosed(awaitOpened(1).connectionId());
            assertThat(closed.reason()).isEqualTo(CloseReason.PEER_CLOSED);
            assertThat(closed.bytesIn()).as("counted inside TLS").isEqualTo("private\n".length());
            assertThat(closed.bytesOut()).isEqualTo("private\n".length());
        }
    }

    @Test
    void aClientThatDoesNotSpeakTlsFailsTheHandshake() throws Exception {
        try (TcpServer server = server().serverSocketFactory(testTls().getServerSocketFactory())
                        .start(echo);
                Socket client = connect(server)) {
            client.getOutputStream().write(ascii("hello in clear text\n"));
            assertThat(closedByServer(client)).isTrue();
            ConnectionEvent.Closed closed = awaitClosed(awaitOpened(1).connectionId());
            assertThat(closed.reason()).isEqualTo(CloseReason.PROTOCOL_ERROR);
            assertThat(events(ConnectionEvent.HandshakeFailed.class).getFirst().kind())
                    .isEqualTo(FailureKind.TLS);
            assertThat(sessionsClosed).isEmpty();
        }
    }

    private static final ConnectionSettings SHORT_HANDSHAKE =
            ConnectionSettings.DEFAULTS.withHandshakeTimeout(Duration.ofMillis(300));

    @Test
    void aConnectionThatNeverFinishesItsInStreamHandshakeIsClosed() throws Exception {
        try (TcpServer server = server().settings(SHORT_HANDSHAKE).start(helloInStream);
                Socket client = connect(server)) {
            // Talking is not enough: only the handshake's end lifts the deadline (the idle timeout is an hour).
            client.getOutputStream().write(ascii("not hello\n"));
            assertThat(closedByServer(client)).isTrue();
            ConnectionEvent.Closed closed = awaitClosed(awaitOpened(1).connectionId());
            assertThat(closed.reason()).isEqualTo(CloseReason.HANDSHAKE_TIMEOUT);
            assertThat(events(ConnectionEvent.HandshakeFailed.class).getFirst().kind())
                    .isEqualTo(FailureKind.TIMEOUT);
        }
    }

    @Test
    void aTlsConnectionThatNeverFinishesItsInStreamHandshakeIsClosed() throws Exception {
        SSLContext tls = testTls();
        try (TcpServer server = server().settings(SHORT_HANDSHAKE)
                        .serverSocketFactory(tls.getServerSocketFactory())
                        .start(helloInStream);
                SSLSocket client = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            client.setSoTimeout((int) WAIT.toMillis());
            client.startHandshake();
            assertThat(closedByServer(client)).isTrue();
            ConnectionEvent.Closed closed = awaitClosed(awaitOpened(1).connectionId());
            assertThat(closed.reason()).isEqualTo(CloseReason.HANDSHAKE_TIMEOUT);
        }
    }

    @Test
    void aCompletedInStreamHandshakeOutlivesTheHandshakeTimeout() throws Exception {
        try (TcpServer server = server().settings(SHORT_HANDSHAKE).start(helloInStream);
                Socket client = connect(server)) {
            client.getOutputStream().write(ascii("HELLO\n"));
            assertThat(readLine(client)).isEqualTo("READY");
            // Well past the handshake deadline, the connection is still open and still served.
            await().pollDelay(Duration.ofMillis(900)).atMost(WAIT).until(() -> server.connectionCount() == 1);
            client.getOutputStream().write(ascii("still here\n"));
            assertThat(readLine(client)).isEqualTo("still here");
        }
    }

    @Test
    void aBuilderRefusesAnIntervalUnderAMillisecond() {
        assertThatThrownBy(() -> TcpServer.builder("echo").periodicTask(Duration.ZERO, () -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
