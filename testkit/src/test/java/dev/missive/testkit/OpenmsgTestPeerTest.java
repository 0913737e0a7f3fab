package dev.missive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.http.openmsg.OkHttpPeerTransport;
import dev.missive.openmsg.OpenmsgEndpoint;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerUnreachableException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link OpenmsgTestPeer}'s scripted answers and recording, seen from an HTTP client; and the extension. */
@ExtendWith(MissiveTestPeers.class)
class OpenmsgTestPeerTest {

    private static final OkHttpPeerTransport CLIENT = OkHttpPeerTransport.create();
    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

    private static PeerResponse post(OpenmsgTestPeer peer, String path) throws PeerUnreachableException {
        return CLIENT.post(peer.baseUri().resolve(path), EMPTY);
    }

    @Test
    void servesItsNodeAndRecordsTheRequestWithTheAnswer(OpenmsgTestPeer peer) throws Exception {
        PeerResponse response = post(peer, "message-confirm/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("SM_E000");
        RecordedRequest request = peer.takeRequest();
        assertThat(request.endpoint()).contains(OpenmsgEndpoint.MESSAGE_CONFIRM);
        assertThat(request.bodyText()).isEqualTo("{}");
        assertThat(request.responseStatus()).isEqualTo(200);
        assertThat(peer.domain()).isEqualTo(MissiveTestPeers.PEER_DOMAIN);
    }

    @Test
    void answersAsScriptedPerEndpointThenServesAgain(OpenmsgTestPeer peer) throws Exception {
        peer.enqueue(OpenmsgEndpoint.AUTH, PeerBehavior.refuse(503));
        peer.enqueue(PeerBehavior.garbage());
        peer.enqueue(OpenmsgEndpoint.MESSAGE_RECEIVE, PeerBehavior.rewrite(text -> text.replace("SM_E000", "SM_E999")));
        peer.enqueue(OpenmsgEndpoint.MESSAGE_CONFIRM, PeerBehavior.delay(Duration.ofMillis(100)));

        assertThat(post(peer, "auth/").status()).isEqualTo(503);
        assertThat(new String(post(peer, "sandbox/auth-confirm/").body(), StandardCharsets.UTF_8))
                .startsWith("<html>");
        assertThat(new String(post(peer, "message-receive/").body(), StandardCharsets.UTF_8))
                .contains("SM_E999");
        assertThat(post(peer, "message-confirm/").status()).isEqualTo(200);
        assertThat(new String(post(peer, "auth/").body(), StandardCharsets.UTF_8))
                .contains("\"error\":true");
        assertThat(peer.requests())
                .extracting(RecordedRequest::sandbox)
                .containsExactly(false, true, false, false, false);
    }

    @Test
    void closesTheConnectionWithoutAnAnswer(OpenmsgTestPeer peer) throws Exception {
        peer.enqueue(PeerBehavior.closeConnection());
        peer.enqueue(PeerBehavior.closeConnection());
        assertThatThrownBy(() -> post(peer, "auth/")).isInstanceOf(PeerUnreachableException.class);
        assertThat(peer.requests())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.responseStatus()).isEqualTo(-1));
    }

    @Test
    void aDispatcherDecidesWhatNothingWasQueuedFor(OpenmsgTestPeer peer) throws Exception {
        peer.setDispatcher(
                (endpoint, body) -> endpoint.isEmpty() ? PeerBehavior.respond(418, "{}") : PeerBehavior.serve());
        assertThat(CLIENT.post(URI.create("http://127.0.0.1:" + peer.port() + "/elsewhere"), EMPTY)
                        .status())
                .isEqualTo(418);
        assertThat(peer.takeRequest().endpoint()).isEqualTo(Optional.empty());
    }

    @Test
    void theExtensionAlsoHandsOutSmpServers(SmpTestServer server, OpenmsgTestPeer peer) {
        assertThat(server.port()).isPositive();
        assertThat(peer.port()).isPositive().isNotEqualTo(server.port());
    }
}
