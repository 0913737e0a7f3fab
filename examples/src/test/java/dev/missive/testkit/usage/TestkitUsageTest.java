package dev.missive.testkit.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.http.openmsg.OkHttpPeerTransport;
import dev.missive.http.openmsg.OpenmsgHttpServer;
import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgEndpoint;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.PeerLocator;
import dev.missive.smp.client.RecipientQueue;
import dev.missive.smp.client.SmpConnectionClosedException;
import dev.missive.smp.model.ServerAddress;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.smp.SmpTcpClient;
import dev.missive.testkit.MissiveTestPeers;
import dev.missive.testkit.OpenmsgTestPeer;
import dev.missive.testkit.PeerBehavior;
import dev.missive.testkit.RecordedRequest;
import dev.missive.testkit.RecordedTransmission;
import dev.missive.testkit.SmpConnectionBehavior;
import dev.missive.testkit.SmpTestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The testkit as a host application's test uses it: the extension hands the test running peers, the
 * application's own client or node talks to them, and the test scripts failures and inspects what
 * the peers received.
 */
@ExtendWith(MissiveTestPeers.class)
class TestkitUsageTest {

    @Test
    void anSmpClientCreatesAQueueAndTheServerRecordsTheCommand(SmpTestServer server) throws Exception {
        try (SmpTcpClient tcp = SmpTcpClient.connect(ServerAddress.plain(server.host(), server.port()))) {
            RecipientQueue queue = tcp.client().createQueue((q, message) -> {}).get(20, TimeUnit.SECONDS);
            assertThat(queue).isNotNull();
        }
        RecordedTransmission conn = server.takeTransmission();
        assertThat(conn.connection()).isEqualTo(1);
        assertThat(conn.transmission().command()).startsWith("CONN ");
    }

    @Test
    void aRefusedOrGarbledConnectionFailsTheClientsRequest(SmpTestServer server) throws Exception {
        server.enqueue(SmpConnectionBehavior.refuse());
        server.enqueue(SmpConnectionBehavior.closeOnTransmission(1));
        for (int attempt = 0; attempt < 2; attempt++) {
            try (SmpTcpClient tcp = SmpTcpClient.connect(ServerAddress.plain(server.host(), server.port()))) {
                CompletableFuture<RecipientQueue> created = tcp.client().createQueue((q, message) -> {});
                assertThatThrownBy(() -> created.get(20, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SmpConnectionClosedException.class);
            }
        }
        assertThat(server.connectionCount()).isEqualTo(2);
    }

    @Test
    void anApplicationNodeConnectsToThePeerAndSeesItsFailuresScripted(OpenmsgTestPeer peer) throws Exception {
        OpenmsgNode app = OpenmsgNode.builder()
                .domain("app.example")
                .store(new InMemoryOpenmsgStore())
                .transport(OkHttpPeerTransport.create())
                .locator(PeerLocator.withOverrides(Map.of(peer.domain(), peer.baseUri()), PeerLocator.https()))
                .clock(Clock.system())
                .random(RandomSource.secure())
                .build();
        app.addUser("1", "App");
        try (OpenmsgHttpServer server = OpenmsgHttpServer.builder(app).port(0).start()) {
            peer.addRoute("app.example", URI.create("http://127.0.0.1:" + server.port() + "/openmsg/"));
            OpenmsgAddress self = app.address("1");
            OpenmsgAddress other = peer.address(MissiveTestPeers.PEER_USER_ID);

            ConnectResult connected = app.connect(
                    self,
                    other,
                    peer.node().issuePassCode(MissiveTestPeers.PEER_USER_ID).code());
            assertThat(connected.isConnected()).as(connected.toString()).isTrue();
            assertThat(app.send(self, other, "hello peer").isSent()).isTrue();
            assertThat(peer.node().inbox(MissiveTestPeers.PEER_USER_ID))
                    .extracting(InboxMessage::text)
                    .containsExactly("hello peer");

            // A message-receive/ whose answer was lost is sent again once (docs/openmsg.md, retries)...
            peer.enqueue(OpenmsgEndpoint.MESSAGE_RECEIVE, PeerBehavior.closeConnection());
            assertThat(app.send(self, other, "retried").isSent()).isTrue();
            assertThat(peer.node().inbox(MissiveTestPeers.PEER_USER_ID))
                    .extracting(InboxMessage::text)
                    .containsOnlyOnce("retried");
            // ... and only once.
            peer.enqueue(OpenmsgEndpoint.MESSAGE_RECEIVE, PeerBehavior.closeConnection());
            peer.enqueue(OpenmsgEndpoint.MESSAGE_RECEIVE, PeerBehavior.closeConnection());
            SendResult dropped = app.send(self, other, "dropped");
            assertThat(dropped)
                    .isInstanceOfSatisfying(
                            SendResult.Failed.class,
                            failed -> assertThat(failed.reason()).isEqualTo(SendResult.SendFailure.PEER_UNREACHABLE));

            peer.enqueue(OpenmsgEndpoint.MESSAGE_RECEIVE, PeerBehavior.garbage());
            SendResult garbled = app.send(self, other, "garbled");
            assertThat(garbled)
                    .isInstanceOfSatisfying(
                            SendResult.Failed.class,
                            failed -> assertThat(failed.reason()).isEqualTo(SendResult.SendFailure.MALFORMED_RESPONSE));

            assertThat(peer.requests())
                    .filteredOn(r -> r.endpoint().equals(java.util.Optional.of(OpenmsgEndpoint.MESSAGE_RECEIVE)))
                    .extracting(RecordedRequest::responseStatus)
                    .containsExactly(200, -1, 200, -1, -1, 200);
            RecordedRequest auth = peer.requests().getFirst();
            assertThat(auth.endpoint()).contains(OpenmsgEndpoint.AUTH);
            assertThat(new String(auth.body(), StandardCharsets.UTF_8))
                    .contains("\"sending_openmsg_address\":\"1*app.example\"");
        }
    }
}
