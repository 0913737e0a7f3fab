package dev.missive.http.openmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.http.HttpPeerClient;
import dev.missive.http.TestTls;
import dev.missive.http.openmsg.RawPeerServer.Behaviour;
import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgEndpoint;
import dev.missive.openmsg.OpenmsgEvent;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.HandshakeError;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every outbound call of a Missive node ("ours", node A, behind the usual {@link OpenmsgHttpServer})
 * against a peer node (B) whose HTTP server handles connections as real servers do
 * ({@link RawPeerServer}): HTTP/1.0 closing after each answer, HTTP/1.0 keep-alive, HTTP/1.1
 * {@code Connection: close}, HTTP/1.1 closing idle connections after 1 s; plain and TLS. Each case
 * runs several rounds of handshakes and messages in both roles, so A calls all four of B's endpoints
 * ({@code auth/} and {@code message-receive/} as initiator and sender, {@code auth-confirm/} and
 * {@code message-confirm/} as the callbacks of acceptor and recipient), and waits between rounds
 * until the peer has closed every connection, so the next round starts on A's stale pooled ones.
 */
class OpenmsgPeerConnectionMatrixTest {

    private static final String ALICE = "1000000";
    private static final String BOB = "2000000";
    private static final int ROUNDS = 3;

    private final TestTls tls = TestTls.create();
    private final Map<String, URI> baseUris = new ConcurrentHashMap<>();
    private final List<OpenmsgEvent> eventsOfA = new CopyOnWriteArrayList<>();
    private OpenmsgHttpServer serverA;
    private RawPeerServer peer;
    private OpenmsgNode a;
    private OpenmsgNode b;
    private OpenmsgAddress alice;
    private OpenmsgAddress bob;

    @BeforeEach
    void clearEvents() {
        eventsOfA.clear();
    }

    @AfterEach
    void stop() throws IOException {
        if (serverA != null) {
            serverA.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    static Stream<Arguments> peerBehaviours() {
        return Stream.of(
                Arguments.of(Behaviour.HTTP_1_0_CLOSE, false),
                Arguments.of(Behaviour.HTTP_1_0_KEEP_ALIVE, false),
                Arguments.of(Behaviour.HTTP_1_1_CONNECTION_CLOSE, false),
                Arguments.of(Behaviour.HTTP_1_1_IDLE_CLOSE, false),
                Arguments.of(Behaviour.HTTP_1_0_CLOSE, true),
                Arguments.of(Behaviour.HTTP_1_1_IDLE_CLOSE, true));
    }

    @ParameterizedTest(name = "{0}, TLS {1}")
    @MethodSource("peerBehaviours")
    void everyOutboundCallSucceedsRoundAfterRoundInBothRoles(Behaviour behaviour, boolean useTls) throws IOException {
        start(behaviour, useTls);

        for (int round = 1; round <= ROUNDS; round++) {
            // A initiates: A -> B auth/, B -> A auth-confirm/.
            assertThat(a.connect(alice, bob, b.issuePassCode(BOB).code()))
                    .isEqualTo(new ConnectResult.Connected(alice, bob, "Bob"));
            // B initiates: B -> A auth/, A -> B auth-confirm/ (the callback of the acceptor).
            assertThat(b.connect(bob, alice, a.issuePassCode(ALICE).code()))
                    .isEqualTo(new ConnectResult.Connected(bob, alice, "Alice"));
            // A sends: A -> B message-receive/, B -> A message-confirm/.
            assertThat(a.send(alice, bob, "to Bob " + round)).isInstanceOf(SendResult.Sent.class);
            // B sends: B -> A message-receive/, A -> B message-confirm/ (the callback of the recipient).
            assertThat(b.send(bob, alice, "to Alice " + round)).isInstanceOf(SendResult.Sent.class);

            // The pause: until the peer has closed every connection (after each answer, or idle for 1 s).
            await().atMost(Duration.ofSeconds(20)).until(() -> peer.openConnections() == 0);
        }

        assertThat(b.inbox(BOB)).extracting(InboxMessage::text).containsExactly("to Bob 1", "to Bob 2", "to Bob 3");
        assertThat(a.inbox(ALICE))
                .extracting(InboxMessage::text)
                .containsExactly("to Alice 1", "to Alice 2", "to Alice 3");
        for (OpenmsgEndpoint endpoint : OpenmsgEndpoint.values()) {
            assertThat(peer.requests(endpoint)).as("requests on %s", endpoint).isEqualTo(ROUNDS);
        }
        assertThat(eventsOfA).noneMatch(OpenmsgEvent.PeerCallFailed.class::isInstance);
    }

    @Test
    void aPeerThatResetsAfterReadingTheRequestGetsNoDuplicateAndTheFailureIsNamed() throws IOException {
        start(Behaviour.RESET_AFTER_REQUEST, false);

        // A -> B auth/: B's node accepts (it calls A back), then the connection is reset. auth/ is
        // never sent twice: the pass code is burned on the first try.
        ConnectResult initiated = a.connect(alice, bob, b.issuePassCode(BOB).code());
        assertThat(initiated).isInstanceOfSatisfying(ConnectResult.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo(HandshakeError.PEER_UNREACHABLE);
            assertThat(failed.detail()).startsWith("RESET: ");
        });
        assertThat(peer.requests(OpenmsgEndpoint.AUTH)).isEqualTo(1);
        assertThat(failedCalls()).containsExactly("AUTH b.example RESET");

        // B -> A auth/: A, as acceptor, calls B's auth-confirm/, which is reset after B consumed its
        // pending handshake; the one resend is refused by B (and reset too). A names the reason.
        eventsOfA.clear();
        ConnectResult accepted = b.connect(bob, alice, a.issuePassCode(ALICE).code());
        assertThat(accepted)
                .isInstanceOfSatisfying(
                        ConnectResult.Failed.class,
                        failed -> assertThat(failed.error()).isEqualTo(HandshakeError.PEER_REJECTED));
        assertThat(peer.requests(OpenmsgEndpoint.AUTH_CONFIRM)).isEqualTo(2);
        assertThat(failedCalls()).containsExactly("AUTH_CONFIRM b.example RESET");
    }

    @Test
    void aMessageToAPeerThatResetsAfterReadingIsDeliveredOnceAndTheSenderGetsAClearError() throws IOException {
        start(Behaviour.HTTP_1_1_IDLE_CLOSE, false);
        assertThat(a.connect(alice, bob, b.issuePassCode(BOB).code())).isInstanceOf(ConnectResult.Connected.class);
        peer.close();
        peer = RawPeerServer.start(b, Behaviour.RESET_AFTER_REQUEST, null);
        baseUris.put("b.example", peer.baseUri());
        eventsOfA.clear();

        SendResult result = a.send(alice, bob, "only once");

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(SendResult.SendFailure.PEER_UNREACHABLE);
            assertThat(failed.detail()).startsWith("RESET: ");
        });
        // message-receive/ is sent once more (the replay guard makes that safe): B refuses the repeat.
        assertThat(peer.requests(OpenmsgEndpoint.MESSAGE_RECEIVE)).isEqualTo(2);
        assertThat(b.inbox(BOB)).extracting(InboxMessage::text).containsExactly("only once");
        assertThat(failedCalls()).containsExactly("MESSAGE_RECEIVE b.example RESET");
    }

    /** A's failed peer calls as "ENDPOINT peer REASON". */
    private List<String> failedCalls() {
        return eventsOfA.stream()
                .filter(OpenmsgEvent.PeerCallFailed.class::isInstance)
                .map(OpenmsgEvent.PeerCallFailed.class::cast)
                .map(e -> e.endpoint() + " " + e.peerDomain() + " " + e.reason())
                .toList();
    }

    private void start(Behaviour behaviour, boolean useTls) throws IOException {
        a = node(
                "a.example",
                new EventListener() {
                    @Override
                    public void onProtocolEvent(ProtocolEvent event) {
                        if (event instanceof OpenmsgEvent openmsg) {
                            eventsOfA.add(openmsg);
                        }
                    }
                },
                useTls);
        b = node("b.example", EventListener.NONE, useTls);
        a.addUser(ALICE, "Alice");
        b.addUser(BOB, "Bob");
        alice = a.address(ALICE);
        bob = b.address(BOB);
        OpenmsgHttpServer.Builder server = OpenmsgHttpServer.builder(a);
        if (useTls) {
            server.https(tls.server().sslContext());
        }
        serverA = server.start();
        baseUris.put(
                "a.example", URI.create((useTls ? "https" : "http") + "://127.0.0.1:" + serverA.port() + "/openmsg/"));
        peer = RawPeerServer.start(b, behaviour, useTls ? tls.server().sslContext() : null);
        baseUris.put("b.example", peer.baseUri());
    }

    /** A node with its own client (so A's connection pool holds only A's connections to B). */
    private OpenmsgNode node(String domain, EventListener events, boolean useTls) {
        HttpPeerClient.Builder client = HttpPeerClient.builder();
        if (useTls) {
            client.trust(tls.client().sslSocketFactory(), tls.client().trustManager());
        }
        return OpenmsgNode.builder()
                .domain(domain)
                .store(new InMemoryOpenmsgStore())
                .transport(new OkHttpPeerTransport(client.build()))
                .locator(baseUris::get)
                .clock(Clock.system())
                .random(RandomSource.secure())
                .eventListener(events)
                .build();
    }
}
