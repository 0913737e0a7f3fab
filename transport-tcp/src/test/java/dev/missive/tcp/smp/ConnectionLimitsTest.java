package dev.missive.tcp.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.tcp.ConnectionSettings;
import dev.missive.tcp.FramedConnection;
import dev.missive.tcp.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timeouts, the connection bound and the outbox bound, on real sockets. */
class ConnectionLimitsTest {

    private static final ConnectionSettings QUICK = ConnectionSettings.DEFAULTS
            .withIdleTimeout(Duration.ofMillis(300))
            .withHandshakeTimeout(Duration.ofMillis(300));

    /** Reads until the server closes; true if it did within the socket timeout. */
    private static boolean closedByServer(Socket s) throws IOException {
        s.setSoTimeout(20_000);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // the greeting or header, then nothing
            }
            return true;
        } catch (java.net.SocketException e) {
            return true; // reset by the server
        }
    }

    @Test
    void idleConnectionIsClosed() throws IOException {
        try (SmpTcpServer server = ServerFixture.start(SmpTransportMode.PLAIN, ServerFixture.engine(), QUICK);
                Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            assertThat(closedByServer(s)).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionCount() == 0);
        }
    }

    @Test
    void subscriberWaitingForMessagesOutlivesTheIdleTimeout() throws IOException {
        try (SmpTcpServer server = ServerFixture.start(SmpTransportMode.PLAIN, ServerFixture.engine(), QUICK);
                RawClient recipient = RawClient.connect(server)) {
            Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(new byte[32]);
            recipient.send(Wire.unsigned("", "CONN " + Wire.b64(key.publicKey().spki())));
            String[] ids = recipient.next().words();
            assertThat(ids[0]).isEqualTo("IDS");

            // Several idle periods pass with no byte either way; the creating connection is subscribed.
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> server.connectionCount() == 1);

            try (RawClient sender = RawClient.connect(server)) {
                sender.send(Wire.unsigned(ids[2], "SEND :still here"));
                assertThat(sender.next().command()).isEqualTo("OK");
            }
            Wire.Reply message = recipient.next();
            assertThat(message.kind()).isEqualTo("MSG");
            assertThat(new String(message.body(), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("still here");
        }
    }

    @Test
    void silentEncryptedClientIsDroppedAfterTheHandshakeTimeout() throws IOException {
        try (SmpTcpServer server = ServerFixture.start(SmpTransportMode.ENCRYPTED, ServerFixture.engine(), QUICK);
                Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            assertThat(closedByServer(s)).isTrue();
        }
    }

    @Test
    void connectionsBeyondTheBoundAreClosedAndOthersKeepWorking() throws IOException {
        try (SmpTcpServer server = SmpTcpServer.builder(ServerFixture.engine())
                        .port(0)
                        .maxConnections(2)
                        .start();
                RawClient first = RawClient.connect(server);
                RawClient second = RawClient.connect(server)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionCount() == 2);
            try (Socket third = new Socket("127.0.0.1", server.address().getPort())) {
                third.setSoTimeout(20_000);
                assertThat(third.getInputStream().read()).isEqualTo(-1);
            }
            first.send(Wire.unsigned("", "HELLO"));
            second.send(Wire.unsigned("", "OK"));
            assertThat(first.next().command()).isEqualTo("ERR UNKNOWN");
            assertThat(second.next().command()).isEqualTo("ERR PROHIBITED");
            first.tcp.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionCount() == 1);
            try (RawClient again = RawClient.connect(server)) {
                again.send(Wire.unsigned("", "HELLO"));
                assertThat(again.next().command()).isEqualTo("ERR UNKNOWN");
            }
        }
    }

    @Test
    void peerThatDoesNotReadIsDisconnectedWhenItsOutboxOverflows() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket peer = new Socket("127.0.0.1", listener.getLocalPort());
                Socket accepted = listener.accept()) {
            FramedConnection connection = new FramedConnection(
                    accepted, WireCodec.plain(), ConnectionSettings.DEFAULTS.withOutboxLimit(4), List.of());
            Thread reader = Thread.ofVirtual().start(() -> connection.run((b, o, l) -> {}));
            assertThat(peer.isConnected()).isTrue();
            // The peer never reads: once the socket buffers are full the writer blocks and frames pile up.
            byte[] frame = new byte[1 << 20];
            boolean accepted1 = true;
            for (int i = 0; i < 200 && accepted1; i++) {
                accepted1 = connection.send(frame);
            }
            assertThat(accepted1).as("an overflowing send is refused").isFalse();
            assertThat(connection.isClosed()).isTrue();
            reader.join(20_000);
            assertThat(reader.isAlive()).isFalse();
        }
    }
}
