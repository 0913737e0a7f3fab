package dev.missive.http.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missive.crypto.Secret;
import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.HandshakeError;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.model.ResponseCode;
import dev.missive.openmsg.spi.OpenmsgConnection;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our node against a peer that answers like the PHP reference (leading CRLFs, {@code text/html},
 * HTTP 200 carrying errors), over HTTPS on loopback, in all four roles.
 */
class PhpReferenceInteropTest {

    private LoopbackNodes nodes;
    private PhpReferencePeer php;
    private InMemoryOpenmsgStore store;
    private OpenmsgNode ours;
    private OpenmsgAddress alice;
    private final OpenmsgAddress carol = OpenmsgAddress.parse("3000000*php.example");

    @BeforeEach
    void start() throws IOException {
        nodes = LoopbackNodes.https();
        store = new InMemoryOpenmsgStore();
        ours = nodes.start("a.example", store).node();
        ours.addUser("1000000", "Alice");
        alice = ours.address("1000000");
        php = new PhpReferencePeer(
                "php.example",
                nodes::locate,
                nodes.tls().server().sslContext(),
                nodes.tls().client().sslContext());
        php.addUser("3000000", "Carol");
        nodes.register("php.example", php.baseUri());
    }

    @AfterEach
    void stop() {
        php.close();
        nodes.close();
    }

    @Test
    void weInitiateTheHandshakeAndSendToTheReference() {
        String code = php.issuePassCode("3000000");

        ConnectResult result = ours.connect(alice, carol, Secret.ofText(code));

        assertThat(result).isEqualTo(new ConnectResult.Connected(alice, carol, "Carol"));
        OpenmsgConnection connection = store.connection(alice, carol).orElseThrow();
        assertThat(php.connections()).singleElement().satisfies(c -> {
            assertThat(c.other()).isEqualTo(alice.toString());
            assertThat(c.otherName()).isEqualTo("Alice");
            assertThat(c.authCode()).isEqualTo(connection.authCode().revealText());
            assertThat(c.identCode()).isEqualTo(connection.identCode().revealText());
            assertThat(c.key()).isEqualTo(connection.messageCryptKey().revealText());
        });

        assertThat(ours.send(alice, carol, "Hello PHP, ça va?")).isInstanceOf(SendResult.Sent.class);
        assertThat(php.inbox())
                .singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("Hello PHP, ça va?"));
    }

    @Test
    void theReferenceInitiatesAndSendsToUs() throws IOException {
        String code = ours.issuePassCode("1000000").code().revealText();

        JsonNode answer = php.initiateHandshake("3000000", alice.toString(), code);

        assertThat(answer.path("success").asBoolean()).isTrue();
        assertThat(answer.path("receiving_openmsg_address_name").asText()).isEqualTo("Alice");
        assertThat(store.connection(alice, carol))
                .get()
                .satisfies(c -> assertThat(c.otherName()).isEqualTo("Carol"));

        JsonNode delivered = php.sendMessage("3000000", alice.toString(), "Hello from PHP");

        assertThat(delivered.path("success").asBoolean()).isTrue();
        assertThat(delivered.path("response_code").asText()).isEqualTo("SM_S888");
        assertThat(ours.inbox("1000000")).singleElement().satisfies(m -> {
            assertThat(m.sender()).isEqualTo(carol);
            assertThat(m.text()).isEqualTo("Hello from PHP");
        });
    }

    @Test
    void anErrorInsideHttp200IsAFailedSendWithThePeersCode() {
        assertThat(ours.connect(alice, carol, Secret.ofText(php.issuePassCode("3000000")))
                        .isConnected())
                .isTrue();
        php.loseConnections(); // the reference's silent insert failure (digest §11.3)

        SendResult result = ours.send(alice, carol, "anyone there?");

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo(SendResult.SendFailure.REJECTED);
            assertThat(failed.peerCode()).contains(ResponseCode.SM_E001);
        });
        assertThat(php.inbox()).isEmpty();
    }

    @Test
    void theReferencesRefusalOfAPassCodeIsAFailedHandshake() {
        String code = php.issuePassCode("3000000");
        String wrong = code.equals("123456") ? "654321" : "123456";

        ConnectResult result = ours.connect(alice, carol, Secret.ofText(wrong));

        assertThat(result).isInstanceOfSatisfying(ConnectResult.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo(HandshakeError.PEER_REJECTED);
            assertThat(failed.detail()).contains("pass code not valid");
        });
        assertThat(store.connection(alice, carol)).isEmpty();
    }

    @Test
    void aReplayedReferenceMessageIsAcceptedOnlyOnce() throws IOException {
        php.initiateHandshake(
                "3000000",
                alice.toString(),
                ours.issuePassCode("1000000").code().revealText());
        assertThat(php.sendMessage("3000000", alice.toString(), "once")
                        .path("response_code")
                        .asText())
                .isEqualTo("SM_S888");

        // The reference itself accepts the same body twice (digest §11.10); we must not.
        JsonNode replayed = php.replayLastMessage(alice.toString());

        assertThat(replayed.path("error").asBoolean()).isTrue();
        assertThat(replayed.path("response_code").asText()).startsWith("SM_E");
        assertThat(ours.inbox("1000000")).extracting(InboxMessage::text).containsExactly("once");
    }
}
