package dev.missive.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.client.EmsgClient;
import dev.missive.emsg.model.ChatMessage;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.model.SignatureAlgorithm;
import dev.missive.emsg.wire.EmsgJson;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user whose key is RSA PKCS#1 v1.5 SHA-256 ({@code "alg":"rsa-sha256"}): logs in, is verified by its
 * home server and by a peer that fetched the key, and a tampered message is refused with {@code 460}
 * (invalid signature).
 */
class RsaSignatureTest {

    private TestNetwork net;
    private TestNetwork.Node a;
    private TestNetwork.User rita;
    private TestNetwork.User carol;
    private TestNetwork.User bob;

    @BeforeEach
    void setUp() throws Exception {
        net = new TestNetwork();
        a = net.add("a.test");
        TestNetwork.Node b = net.add("b.test");
        EmsgAddress address = EmsgAddress.parse("rita#a.test");
        EmsgSigningKey key = EmsgSigningKey.rsa(
                "r1", RsaPrivateKey.generate(2048, new SecureRandom()).privateKey());
        assertThat(key.publicKey().algorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA256);
        a.server.addAccount(address, key.publicKey());
        rita = new TestNetwork.User(a, new EmsgClient(address, key, net.clock, net.random), key);
        // The login answers a challenge signed with the RSA key.
        rita.login();
        carol = a.user("carol");
        bob = b.user("bob");
    }

    @Test
    void anRsaSignedChatIsAcceptedLocallyAndAcrossDomains() throws Exception {
        assertThat(rita.send(rita.client.chat(carol.address(), "Hi Carol!"))).isInstanceOf(ClientReply.Ack.class);
        assertThat(rita.send(rita.client.chat(bob.address(), "Hi Bob!"))).isInstanceOf(ClientReply.Ack.class);
        net.pump();
        // b.test fetched rita's RSA key from a.test and verified the signature before storing.
        assertThat(carol.inbox()).singleElement().satisfies(item -> {
            assertThat(item.message()).isInstanceOf(ChatMessage.class);
            assertThat(item.message().signature().kid()).isEqualTo("r1");
        });
        assertThat(bob.inbox()).singleElement().satisfies(item -> {
            assertThat(((ChatMessage) item.message()).body()).isEqualTo("Hi Bob!");
            assertThat(item.message().signature().algorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA256);
        });
    }

    @Test
    void aTamperedRsaSignedChatIsRefusedWith460() throws Exception {
        ObjectNode message =
                EmsgJson.parseObject(rita.client.chat(bob.address(), "Hi Bob!").line());
        message.put("body", "Hi Bob?");
        ClientReply reply = EmsgClient.parseReply(rita.raw(EmsgJson.write(message)));
        assertThat(reply)
                .isInstanceOfSatisfying(
                        ClientReply.Error.class,
                        e -> assertThat(e.error().error()).isEqualTo(EmsgError.BAD_SIGNATURE));
        assertThat(EmsgError.BAD_SIGNATURE.code()).isEqualTo(460);
        assertThat(a.outbox.size()).isZero();
    }

    @Test
    void aPeerRefusesATamperedRsaSignedMessageWith460() throws Exception {
        // A peer relaying a changed message (signed by rita's key before the change) is refused by b.test.
        ObjectNode message =
                EmsgJson.parseObject(rita.client.chat(bob.address(), "Hi Bob!").line());
        message.put("body", "Hi Bob?");
        String reply = net.link(a, net.nodes.get("b.test"))
                .onLine(EmsgJson.write(message))
                .line();
        assertThat(reply).contains("\"type\":\"error\"").contains("\"code\":460");
        assertThat(bob.inbox()).isEmpty();
    }
}
