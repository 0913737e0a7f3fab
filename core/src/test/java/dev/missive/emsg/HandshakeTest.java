package dev.missive.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.client.EmsgClient;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.wire.EmsgJson;
import org.junit.jupiter.api.Test;

/** {@code hello}, client and server authentication, registration, line limits. */
class HandshakeTest {

    private final TestNetwork net = new TestNetwork();
    private final TestNetwork.Node a = net.add("a.test");

    private static int code(String line) throws Exception {
        return ((ClientReply.Error) EmsgClient.parseReply(line)).error().error().code();
    }

    @Test
    void aDifferentMajorVersionIsRefusedWith505AndClosed() throws Exception {
        EmsgSession s = a.server.openSession();
        SessionReply reply = s.onLine("{\"type\":\"hello\",\"version\":\"1.0.0\",\"capabilities\":[]}");
        assertThat(code(reply.line())).isEqualTo(505);
        assertThat(reply.close()).isTrue();
    }

    @Test
    void otherMinorAndPatchVersionsAndUnknownMembersAreAccepted() {
        EmsgSession s = a.server.openSession();
        SessionReply reply =
                s.onLine("{\"type\":\"hello\",\"version\":\"0.9.7-beta\",\"future\":{\"x\":1},\"role\":\"client\"}");
        assertThat(reply.close()).isFalse();
        assertThat(reply.line()).contains("\"challenge\"").contains("\"domain\":\"a.test\"");
    }

    @Test
    void registrationCreatesTheAccountWithProofOfPossession() throws Exception {
        EmsgClient dave = new EmsgClient(
                new EmsgAddress("dave", "A.TEST"), EmsgSigningKey.ed25519("k1", net.key()), net.clock, net.random);
        EmsgSession s = a.server.openSession();
        String hello = s.onLine(dave.hello()).line();
        dave.onAuthReply(s.onLine(dave.onHelloRegister(hello)).line());
        assertThat(s.user()).contains(new EmsgAddress("dave", "a.test"));
        assertThat(a.accounts.find(new EmsgAddress("dave", "a.test"))).isPresent();
        assertThat(a.events(EmsgEvent.AccountRegistered.class)).hasSize(1);
    }

    @Test
    void registrationIsRefusedWhenClosed() throws Exception {
        TestNetwork.Node closed = net.add("c.test", EmsgConfig.DEFAULTS);
        EmsgClient eve = new EmsgClient(
                new EmsgAddress("eve", "c.test"), EmsgSigningKey.ed25519("k1", net.key()), net.clock, net.random);
        EmsgSession s = closed.server.openSession();
        SessionReply reply = s.onLine(eve.onHelloRegister(s.onLine(eve.hello()).line()));
        assertThat(code(reply.line())).isEqualTo(403);
        assertThat(reply.close()).isTrue();
    }

    @Test
    void authenticationWithAWrongKeyIsRefusedAndCloses() throws Exception {
        a.user("alice");
        EmsgClient impostor = new EmsgClient(
                new EmsgAddress("alice", "a.test"), EmsgSigningKey.ed25519("k1", net.key()), net.clock, net.random);
        EmsgSession s = a.server.openSession();
        SessionReply reply =
                s.onLine(impostor.onHello(s.onLine(impostor.hello()).line()));
        assertThat(code(reply.line())).isEqualTo(401);
        assertThat(reply.close()).isTrue();
        assertThat(a.events(EmsgEvent.AuthenticationFailed.class)).hasSize(1);
    }

    @Test
    void anAuthSignedForAnotherServerOrAnOldChallengeIsRefused() throws Exception {
        TestNetwork.User alice = a.user("alice");
        EmsgSession s1 = a.server.openSession();
        String hello1 = s1.onLine(alice.client.hello()).line();
        String auth1 = alice.client.onHello(hello1);
        // The same auth replayed on another connection (other challenge) fails.
        EmsgSession s2 = a.server.openSession();
        s2.onLine(alice.client.hello());
        assertThat(code(s2.onLine(auth1).line())).isEqualTo(401);
        // An expired challenge fails.
        net.clock.advance(a.server.config().challengeTtl());
        assertThat(code(s1.onLine(auth1).line())).isEqualTo(401);
    }

    @Test
    void linesBeforeHelloOrAuthAreRefused() throws Exception {
        EmsgSession s = a.server.openSession();
        assertThat(code(s.onLine("{\"type\":\"inbox\"}").line())).isEqualTo(400);
        s.onLine(EmsgJson.write(EmsgJson.object().put("type", "hello").put("version", "0.2.0")));
        assertThat(code(s.onLine("{\"type\":\"inbox\"}").line())).isEqualTo(401);
    }

    @Test
    void anOversizeLineGets413AndClose() throws Exception {
        SessionReply reply = a.server.openSession().onOversizeLine();
        assertThat(code(reply.line())).isEqualTo(EmsgError.TOO_LARGE.code());
        assertThat(reply.close()).isTrue();
    }

    @Test
    void peerServersAuthenticateWithPinnedDomainKeys() throws Exception {
        TestNetwork.Node b = net.add("b.test");
        EmsgSession s = net.link(b, a);
        assertThat(s.peerDomain()).contains("b.test");
        assertThat(a.accounts.pinnedDomainKey("b.test")).contains(b.server.domainPublicKey());
        assertThat(a.events(EmsgEvent.DomainKeyPinned.class)).hasSize(1);
        // A server presenting another key for b.test later is refused.
        TestNetwork.Node impostor = new TestNetwork().add("b.test");
        PeerLink link = impostor.server.openPeerLink("a.test");
        EmsgSession t = a.server.openSession();
        String auth = link.onHello(t.onLine(link.hello()).line());
        assertThat(code(t.onLine(auth).line())).isEqualTo(401);
    }
}
