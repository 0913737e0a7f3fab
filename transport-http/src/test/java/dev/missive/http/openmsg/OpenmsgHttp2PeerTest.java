package dev.missive.http.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.http.HttpPeerClient;
import dev.missive.http.TestTls;
import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgEndpoint;
import dev.missive.openmsg.OpenmsgEvent;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.OpenmsgReply;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Node A's outbound calls against a peer that speaks HTTP/2 over TLS: the peer's endpoints are a real
 * {@link OpenmsgNode} (B) served by OkHttp's MockWebServer with h2 negotiated by ALPN. Several rounds
 * of handshakes and messages in both roles, so A calls all four of B's endpoints over one multiplexed
 * connection, round after round; B calls A back over plain HTTP/1.1.
 */
class OpenmsgHttp2PeerTest {

    private static final String ALICE = "1000000";
    private static final String BOB = "2000000";
    private static final int ROUNDS = 3;

    private final TestTls tls = TestTls.create();
    private final Map<String, URI> baseUris = new ConcurrentHashMap<>();
    private final List<OpenmsgEvent> eventsOfA = new CopyOnWriteArrayList<>();
    private final List<String> versionsSeenByB = new CopyOnWriteArrayList<>();
    private final MockWebServer peer = new MockWebServer();
    private OpenmsgHttpServer serverA;

    @AfterEach
    void stop() {
        if (serverA != null) {
            serverA.close();
        }
        peer.close();
    }

    @Test
    void everyOutboundCallSucceedsOverHttp2RoundAfterRoundInBothRoles() throws IOException {
        OpenmsgNode a = node(
                "a.example",
                HttpPeerClient.builder()
                        .trust(tls.client().sslSocketFactory(), tls.client().trustManager())
                        .build(),
                new EventListener() {
                    @Override
                    public void onProtocolEvent(ProtocolEvent event) {
                        if (event instanceof OpenmsgEvent openmsg) {
                            eventsOfA.add(openmsg);
                        }
                    }
                });
        OpenmsgNode b = node("b.example", HttpPeerClient.create(), EventListener.NONE);
        a.addUser(ALICE, "Alice");
        b.addUser(BOB, "Bob");
        OpenmsgAddress alice = a.address(ALICE);
        OpenmsgAddress bob = b.address(BOB);
        serverA = OpenmsgHttpServer.builder(a).start();
        baseUris.put("a.example", URI.create("http://127.0.0.1:" + serverA.port() + "/openmsg/"));
        peer.useHttps(tls.server().sslSocketFactory());
        peer.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
        peer.setDispatcher(new NodeDispatcher(b));
        peer.start();
        baseUris.put("b.example", peer.url("/openmsg/").uri());

        for (int round = 1; round <= ROUNDS; round++) {
            assertThat(a.connect(alice, bob, b.issuePassCode(BOB).code()))
                    .isEqualTo(new ConnectResult.Connected(alice, bob, "Bob"));
            assertThat(b.connect(bob, alice, a.issuePassCode(ALICE).code()))
                    .isEqualTo(new ConnectResult.Connected(bob, alice, "Alice"));
            assertThat(a.send(alice, bob, "to Bob " + round)).isInstanceOf(SendResult.Sent.class);
            assertThat(b.send(bob, alice, "to Alice " + round)).isInstanceOf(SendResult.Sent.class);
        }

        assertThat(b.inbox(BOB)).extracting(InboxMessage::text).containsExactly("to Bob 1", "to Bob 2", "to Bob 3");
        assertThat(a.inbox(ALICE))
                .extracting(InboxMessage::text)
                .containsExactly("to Alice 1", "to Alice 2", "to Alice 3");
        // A called all four endpoints of B in every round, and every call was HTTP/2.
        assertThat(versionsSeenByB).hasSize(4 * ROUNDS).containsOnly("HTTP/2");
        assertThat(eventsOfA).noneMatch(OpenmsgEvent.PeerCallFailed.class::isInstance);
    }

    private OpenmsgNode node(String domain, HttpPeerClient client, EventListener events) {
        return OpenmsgNode.builder()
                .domain(domain)
                .store(new InMemoryOpenmsgStore())
                .transport(new OkHttpPeerTransport(client))
                .locator(baseUris::get)
                .clock(Clock.system())
                .random(RandomSource.secure())
                .eventListener(events)
                .build();
    }

    /** Serves each request with node B's {@link OpenmsgNode#handle}, recording the HTTP version used. */
    private final class NodeDispatcher extends Dispatcher {

        private final OpenmsgNode node;

        NodeDispatcher(OpenmsgNode node) {
            this.node = node;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            versionsSeenByB.add(request.getVersion());
            String path = request.getUrl().encodedPath().substring("/openmsg/".length());
            OpenmsgEndpoint endpoint = OpenmsgEndpoint.fromPath(path).orElseThrow();
            OpenmsgReply reply = node.handle(endpoint, request.getBody().toByteArray());
            return new MockResponse.Builder()
                    .code(reply.httpStatus())
                    .addHeader("Content-Type", "application/json")
                    .body(new String(reply.body(), StandardCharsets.UTF_8))
                    .build();
        }
    }
}
