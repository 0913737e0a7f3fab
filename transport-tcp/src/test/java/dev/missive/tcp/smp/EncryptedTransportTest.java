package dev.missive.tcp.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.missive.event.CloseReason;
import dev.missive.event.ConnectionEvent;
import dev.missive.event.EventListener;
import dev.missive.event.FailureKind;
import dev.missive.smp.client.ClientSession;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.secure.ClientHandshake;
import dev.missive.smp.secure.SecureStreams;
import dev.missive.smp.secure.SecureTransport;
import dev.missive.smp.secure.SecureTransportException;
import dev.missive.smp.secure.ServerHeader;
import dev.missive.smp.secure.VersionGreeting;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Appendix A specifics on real sockets: pinning, the handshake, block integrity, the version line. */
class EncryptedTransportTest {

    private static final QueueId QUEUE = QueueId.of(new byte[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7});

    @Test
    void wrongPinnedKeyHashIsRefusedBeforeAnythingIsSent() throws IOException {
        try (SmpTcpServer server = ServerFixture.start(SmpTransportMode.ENCRYPTED)) {
            byte[] wrong = server.keyHash();
            wrong[0] ^= 1;
            assertThatThrownBy(() -> SmpTcpConnection.connect(SmpTcpConnection.Options.encrypted(
                            "127.0.0.1", server.address().getPort(), wrong)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("SERVER_KEY_MISMATCH");
        }
    }

    @Test
    void undecryptableHandshakeIsReportedAsAHandshakeFailure() throws Exception {
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        EventListener recorder = new EventListener() {
            @Override
            public void onConnectionEvent(ConnectionEvent event) {
                events.add(event);
            }
        };
        try (SmpTcpServer server = SmpTcpServer.builder(ServerFixture.engine())
                        .port(0)
                        .encrypted(ServerFixture.SERVER_KEY.privateKey())
                        .eventListener(recorder)
                        .start();
                Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            byte[] prefix = in.readNBytes(8);
            byte[] key = in.readNBytes(ServerHeader.keyLength(prefix));
            byte[] garbage = new byte
                    [ClientHandshake.ciphertextLength(
                            ServerHeader.decode(concat(prefix, key)).serverKey())];
            s.getOutputStream().write(garbage);
            assertThat(in.read()).as("closed without a reply").isEqualTo(-1);

            await().atMost(Duration.ofSeconds(20)).until(() -> events.size() == 3);
            assertThat(events.get(0)).isInstanceOf(ConnectionEvent.Opened.class);
            assertThat(events.get(1)).isInstanceOfSatisfying(ConnectionEvent.HandshakeFailed.class, failed -> {
                assertThat(failed.protocol()).isEqualTo("smp");
                assertThat(failed.kind()).isEqualTo(FailureKind.HANDSHAKE);
            });
            assertThat(events.get(2)).isInstanceOfSatisfying(ConnectionEvent.Closed.class, closed -> {
                assertThat(closed.reason()).isEqualTo(CloseReason.PROTOCOL_ERROR);
                assertThat(closed.bytesIn()).isEqualTo(garbage.length);
                assertThat(closed.bytesOut()).isEqualTo(prefix.length + key.length);
            });
        }
    }

    @Test
    void rawHandshakeByHandMatchesTheDocumentedLayout() throws Exception {
        try (SmpTcpServer server = ServerFixture.start(SmpTransportMode.ENCRYPTED);
                Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] prefix = in.readNBytes(8);
            assertThat(prefix).startsWith(0, 0, 0x10, 0, 0, 0);
            byte[] key = in.readNBytes(((prefix[6] & 0xff) << 8) | (prefix[7] & 0xff));
            assertThat(dev.missive.crypto.Digests.sha256(key)).isEqualTo(server.keyHash());
            ServerHeader header = ServerHeader.decode(concat(prefix, key));

            ClientHandshake handshake = ClientHandshake.generate(8192, new SecureRandom()::nextBytes);
            out.write(handshake.encryptTo(header.serverKey()));
            SecureStreams streams = handshake.clientStreams();
            List<byte[]> blocks = new ArrayList<>();
            byte[] hello = "\r\n\r\nHELLO\r\n".getBytes(StandardCharsets.US_ASCII);
            streams.writer().write(hello, 0, hello.length, blocks::add);
            streams.writer().flush(blocks::add);
            assertThat(blocks).singleElement().satisfies(b -> assertThat(b).hasSize(8192));
            out.write(blocks.get(0));
            out.flush();

            // The client chose 8192: the server's blocks follow it.
            byte[] first = streams.reader().readBlock(in.readNBytes(8192));
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            stream.writeBytes(first);
            while (!stream.toString(StandardCharsets.US_ASCII).contains("ERR UNKNOWN\r\n")) {
                stream.writeBytes(streams.reader().readBlock(in.readNBytes(8192)));
            }
            assertThat(stream.toString(StandardCharsets.US_ASCII)).isEqualTo("SMP 0.1.0.0\r\n\r\n\r\nERR UNKNOWN\r\n");
        }
    }

    @Test
    void tamperedBlockClosesOnlyThatConnection() throws Exception {
        try (SmpTcpServer server = ServerFixture.start(SmpTransportMode.ENCRYPTED);
                RawClient healthy = RawClient.connect(server);
                Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            byte[] prefix = in.readNBytes(8);
            ServerHeader header = ServerHeader.decode(concat(prefix, in.readNBytes(ServerHeader.keyLength(prefix))));
            ClientHandshake handshake =
                    ClientHandshake.generate(SecureTransport.DEFAULT_BLOCK_SIZE, new SecureRandom()::nextBytes);
            OutputStream out = s.getOutputStream();
            out.write(handshake.encryptTo(header.serverKey()));
            List<byte[]> blocks = new ArrayList<>();
            byte[] hello = "\r\n\r\nHELLO\r\n".getBytes(StandardCharsets.US_ASCII);
            SecureStreams streams = handshake.clientStreams();
            streams.writer().write(hello, 0, hello.length, blocks::add);
            streams.writer().flush(blocks::add);
            byte[] block = blocks.get(0);
            block[100] ^= 1;
            out.write(block);
            out.flush();
            // The server reads the greeting block it already sent, then closes.
            byte[] rest = in.readAllBytes();
            assertThat(rest.length).isLessThanOrEqualTo(SecureTransport.DEFAULT_BLOCK_SIZE);
            await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionCount() == 1);

            healthy.send(Wire.unsigned("", "HELLO"));
            assertThat(healthy.next().command()).isEqualTo("ERR UNKNOWN");
        }
    }

    @Test
    void clientRefusesAServerWithANewerMinorVersion() throws Exception {
        var key = ServerFixture.SERVER_KEY;
        try (ServerSocket fake = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread serverSide = Thread.ofVirtual().start(() -> {
                try (Socket s = fake.accept()) {
                    s.getOutputStream().write(new ServerHeader(4096, key.publicKey()).encode());
                    byte[] ct = s.getInputStream().readNBytes(ClientHandshake.ciphertextLength(key.publicKey()));
                    SecureStreams streams =
                            ClientHandshake.decrypt(key.privateKey(), ct).serverStreams();
                    byte[] greeting = new VersionGreeting(0, 2, 0, 0).line();
                    streams.writer().write(greeting, 0, greeting.length, b -> write(s, b));
                    streams.writer().flush(b -> write(s, b));
                    s.getInputStream().readAllBytes();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] hash = ServerHeader.keyHash(key.publicKey());
            SmpTcpConnection tcp = SmpTcpConnection.connect(
                    SmpTcpConnection.Options.encrypted("127.0.0.1", fake.getLocalPort(), hash));
            List<byte[]> passed = new ArrayList<>();
            ClientSession session = new ClientSession(tcp.sink(), new ClientSession.Listener() {
                @Override
                public void onMessage(QueueId recipientId, ServerMessage.Msg message) {}

                @Override
                public void onEnd(QueueId recipientId) {}
            });
            tcp.onClosed(session::close);
            // Pending before the greeting arrives: the caller must learn the greeting was refused.
            CompletableFuture<ServerMessage> pending = session.request(null, QUEUE, new Command.Subscribe());
            tcp.start((b, o, l) -> {
                passed.add(b);
                session.onBytes(b, o, l);
            });
            await().atMost(Duration.ofSeconds(20)).until(pending::isDone);
            assertThat(passed).isEmpty();
            assertThat(tcp.isClosed()).isTrue();
            Throwable cause = ConnectionClosedReasonTest.closedCause(pending);
            assertThat(cause)
                    .isSameAs(tcp.closeCause())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("greeting refused")
                    .cause()
                    .isInstanceOf(SecureTransportException.class);
            assertThat(((SecureTransportException) cause.getCause()).reason())
                    .isEqualTo(SecureTransportException.Reason.BAD_GREETING);
            // A request after the close fails at once, for the same reason.
            assertThat(ConnectionClosedReasonTest.closedCause(session.request(null, QUEUE, new Command.Subscribe())))
                    .isSameAs(cause);
            serverSide.join(20_000);
        }
    }

    private static void write(Socket s, byte[] block) {
        try {
            s.getOutputStream().write(block);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
