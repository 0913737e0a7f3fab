package dev.missive.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.client.EmsgClient;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.wire.EmsgJson;
import dev.missive.emsg.wire.Signatures;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every forgery and replay is refused with its documented code ({@code docs/emsg.md}, "Errors"). */
class SecurityTest {

    private TestNetwork net;
    private TestNetwork.Node a;
    private TestNetwork.Node b;
    private TestNetwork.User alice;
    private TestNetwork.User bob;

    @BeforeEach
    void setUp() throws Exception {
        net = new TestNetwork();
        a = net.add("a.test");
        b = net.add("b.test");
        alice = a.user("alice");
        bob = b.user("bob");
        a.user("carol");
    }

    private static int code(ClientReply reply) {
        assertThat(reply).isInstanceOf(ClientReply.Error.class);
        return ((ClientReply.Error) reply).error().error().code();
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                Arguments.of("body", (Consumer<ObjectNode>) m -> m.put("body", "Hi Bob?")),
                Arguments.of("recipient", (Consumer<ObjectNode>) m -> m.put("recipient", "carol#a.test")),
                Arguments.of("timestamp", (Consumer<ObjectNode>)
                        m -> m.put("timestamp", m.get("timestamp").asLong() - 1)),
                Arguments.of("id", (Consumer<ObjectNode>) m -> m.put("id", "00000000-0000-4000-8000-000000000000")),
                Arguments.of("added member", (Consumer<ObjectNode>) m -> m.put("subject", "x")),
                Arguments.of("removed member", (Consumer<ObjectNode>) m -> m.remove("body")),
                Arguments.of("signature kid", (Consumer<ObjectNode>)
                        m -> ((ObjectNode) m.get("signature")).put("kid", "k2")),
                Arguments.of("signature value", (Consumer<ObjectNode>) m -> {
                    ObjectNode sig = (ObjectNode) m.get("signature");
                    String v = sig.get("value").asText();
                    sig.put("value", (v.charAt(0) == 'A' ? "B" : "A") + v.substring(1));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void changingAnySignedMemberIsRefused(String what, Consumer<ObjectNode> change) throws Exception {
        ObjectNode message =
                EmsgJson.parseObject(alice.client.chat(bob.address(), "Hi Bob!").line());
        change.accept(message);
        ClientReply reply = reply(alice.raw(EmsgJson.write(message)));
        int expected =
                what.equals("removed member") ? EmsgError.SCHEMA_VIOLATION.code() : EmsgError.BAD_SIGNATURE.code();
        assertThat(code(reply)).isEqualTo(expected);
        assertThat(a.outbox.size()).isZero();
    }

    @Test
    void changingTheSenderIsRefused() throws Exception {
        ObjectNode message =
                EmsgJson.parseObject(alice.client.chat(bob.address(), "Hi").line());
        message.put("sender", "carol#a.test");
        assertThat(code(reply(alice.raw(EmsgJson.write(message))))).isEqualTo(EmsgError.FORBIDDEN.code());
    }

    @Test
    void signingWithAnotherKeyIsRefused() throws Exception {
        ObjectNode message =
                EmsgJson.parseObject(alice.client.chat(bob.address(), "Hi").line());
        String forged = Signatures.sign(message, EmsgSigningKey.ed25519("k1", net.key()));
        assertThat(code(reply(alice.raw(forged)))).isEqualTo(EmsgError.BAD_SIGNATURE.code());
    }

    @Test
    void aSenderOfAnotherDomainIsRefusedFromClientsAndPeers() throws Exception {
        // Alice's client claims to send as bob#b.test, signing with a key of its own.
        ObjectNode claim =
                EmsgJson.parseObject(alice.client.chat(alice.address(), "Hi").line());
        claim.put("sender", "bob#b.test");
        String line = Signatures.sign(claim, EmsgSigningKey.ed25519("k1", net.key()));
        assertThat(code(reply(alice.raw(line)))).isEqualTo(EmsgError.SENDER_DOMAIN_MISMATCH.code());

        // b.test's server hands a.test a message claiming to come from carol#a.test.
        EmsgSession fromB = net.link(b, a);
        ObjectNode relayed =
                EmsgJson.parseObject(bob.client.chat(alice.address(), "Hi").line());
        relayed.put("sender", "carol#a.test");
        String forged = Signatures.sign(relayed, EmsgSigningKey.ed25519("k1", net.key()));
        assertThat(code(reply(fromB.onLine(forged).line()))).isEqualTo(EmsgError.SENDER_DOMAIN_MISMATCH.code());
    }

    @Test
    void aReplayedMessageIdIsRefused() throws Exception {
        EmsgClient.Outgoing message = alice.client.chat(new EmsgAddress("carol", "a.test"), "Hi");
        assertThat(alice.send(message)).isEqualTo(new ClientReply.Ack(message.id()));
        ClientReply again = alice.send(message);
        assertThat(code(again)).isEqualTo(EmsgError.CONFLICT.code());
        assertThat(((ClientReply.Error) again).error().messageId()).isEqualTo(message.id());
        assertThat(a.inbox.list(new EmsgAddress("carol", "a.test"), 0, 10)).hasSize(1);
    }

    @Test
    void aReplayToAnotherDomainIsRefusedAndQueuedOnce() throws Exception {
        EmsgClient.Outgoing message = alice.client.chat(bob.address(), "Hi");
        assertThat(alice.send(message)).isEqualTo(new ClientReply.Ack(message.id()));
        assertThat(code(alice.send(message))).isEqualTo(EmsgError.CONFLICT.code());
        assertThat(a.outbox.size()).isEqualTo(1);
    }

    @Test
    void aReplayIsAConflictBeforeItIsAnUnknownRecipient() throws Exception {
        EmsgClient.Outgoing message = alice.client.chat(new EmsgAddress("carol", "a.test"), "Hi");
        assertThat(alice.send(message)).isEqualTo(new ClientReply.Ack(message.id()));
        EmsgClient.Outgoing toNobody = alice.client.chat(new EmsgAddress("nobody", "a.test"), "Hi");
        assertThat(code(alice.send(toNobody))).isEqualTo(EmsgError.NOT_FOUND.code());
        // The same (sender, id) again, now addressed to nobody: the replay is what is refused.
        ObjectNode replay = EmsgJson.parseObject(toNobody.line());
        replay.put("id", message.id());
        String line = Signatures.sign(replay, alice.key);
        assertThat(code(reply(alice.raw(line)))).isEqualTo(EmsgError.CONFLICT.code());
    }

    @Test
    void aRelayedDuplicateIsDeliveredOnceAndAcknowledgedAsDelivered() throws Exception {
        EmsgClient.Outgoing message = alice.client.chat(bob.address(), "once");
        alice.send(message);
        OutboundDelivery delivery = a.server.nextDue(10).getFirst();
        // The first attempt reaches b.test but its ack is lost.
        net.link(a, b).onLine(delivery.line());
        a.server.onDeliveryFailure(delivery);
        net.clock.advance(java.time.Duration.ofHours(1));
        net.pump();
        assertThat(a.outbox.size()).isZero();
        assertThat(bob.inbox()).hasSize(1);
    }

    @Test
    void messagesOnlyFromTheGroupOriginAreRelayed() throws Exception {
        EmsgSession fromB = net.link(b, a);
        String chat = bob.client.chat(alice.address(), "x").line();
        String relay = EmsgJson.write(EmsgJson.object()
                .put("type", "relay")
                .put("message", chat)
                .set("to", EmsgJson.NODES.arrayNode().add("alice#a.test")));
        assertThat(code(reply(fromB.onLine(relay).line()))).isEqualTo(EmsgError.NOT_GROUP_ORIGIN.code());
        String groupChat =
                bob.client.groupChat(GroupId.parse("g-1#c.test"), "x").line();
        assertThat(code(reply(fromB.onLine(groupChat).line()))).isEqualTo(EmsgError.NOT_GROUP_ORIGIN.code());
    }

    private static ClientReply reply(String line) throws EmsgException {
        return EmsgClient.parseReply(line);
    }

    @ParameterizedTest
    @MethodSource("badInboxPages")
    void anInboxRequestWithABadPageMemberIs422NamingIt(String members, String path) throws Exception {
        ClientReply reply = alice.query("{\"type\":\"inbox\"," + members + "}");
        assertThat(code(reply)).isEqualTo(EmsgError.SCHEMA_VIOLATION.code());
        assertThat(((ClientReply.Error) reply).error().path()).isEqualTo(path);
    }

    static Stream<Arguments> badInboxPages() {
        return Stream.of(
                Arguments.of("\"after\":\"x\"", "$.after"),
                Arguments.of("\"after\":null", "$.after"),
                Arguments.of("\"after\":-1,\"limit\":1", "$.after"),
                Arguments.of("\"limit\":\"x\"", "$.limit"),
                Arguments.of("\"limit\":0", "$.limit"));
    }
}
