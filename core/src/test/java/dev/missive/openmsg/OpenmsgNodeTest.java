package dev.missive.openmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.missive.crypto.Secret;
import dev.missive.event.FailureKind;
import dev.missive.openmsg.model.HandshakeError;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.InvalidAddressException;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.model.ResponseCode;
import dev.missive.openmsg.spi.OpenmsgConnection;
import dev.missive.openmsg.spi.OutboundMessage;
import dev.missive.openmsg.spi.OutboundStatus;
import dev.missive.openmsg.spi.PassCodeCheck;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.wire.OpenmsgJson;
import dev.missive.openmsg.wire.PeerReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two nodes in one process: pass code → handshake → messages both ways → inbox. */
class OpenmsgNodeTest {

    @Test
    void passCodeHandshakeAndMessagesBothWays() {
        TwoNodes net = new TwoNodes();
        PassCode code = net.a.issuePassCode("1000000");
        assertThat(code.code().revealText()).matches("[0-9]{6}");
        assertThat(code.address()).isEqualTo(net.alice);
        assertThat(code.expiresAt()).isEqualTo(TwoNodes.START.plusSeconds(3600));
        assertThat(code.toString()).doesNotContain(code.code().revealText());

        assertThat(net.b.connect(net.bob, net.alice, code.code()))
                .isEqualTo(new ConnectResult.Connected(net.bob, net.alice, "Alice"));

        OpenmsgConnection onA = net.aliceToBob();
        OpenmsgConnection onB = net.bobToAlice();
        assertThat(onA.authCode().revealText())
                .matches("[0-9a-f]{64}")
                .isEqualTo(onB.authCode().revealText());
        assertThat(onA.identCode().revealText())
                .matches("[0-9a-f]{64}")
                .isEqualTo(onB.identCode().revealText());
        assertThat(onA.messageCryptKey().revealText())
                .matches("[0-9a-f]{64}")
                .isEqualTo(onB.messageCryptKey().revealText());
        assertThat(onA.otherName()).isEqualTo("Bob");
        assertThat(onB.otherName()).isEqualTo("Alice");
        assertThat(net.storeB.pendingHandshakes(net.alice))
                .as("pending handshake consumed")
                .isEmpty();
        assertThat(net.storeA.usePassCode("1000000", code.code(), net.clock.now(), 5))
                .as("pass code is single use")
                .isEqualTo(PassCodeCheck.REJECTED);

        net.clock.advance(Duration.ofSeconds(5));
        SendResult toAlice = net.b.send(net.bob, net.alice, "Hello Alice, ünïcødé ✓");
        assertThat(toAlice.isSent()).isTrue();
        net.clock.advance(Duration.ofSeconds(5));
        SendResult toBob = net.a.send(net.alice, net.bob, "Hi Bob");
        assertThat(toBob.isSent()).isTrue();
        SendResult again = net.a.send(net.alice, net.bob, "Second");
        assertThat(again.isSent()).isTrue();

        assertThat(net.a.inbox("1000000")).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("Hello Alice, ünïcødé ✓");
            assertThat(m.sender()).isEqualTo(net.bob);
            assertThat(m.senderName()).isEqualTo("Bob");
            assertThat(m.recipient()).isEqualTo(net.alice);
            assertThat(m.messageHash()).isEqualTo(((SendResult.Sent) toAlice).messageHash());
            assertThat(m.sentAt()).isEqualTo(TwoNodes.START.plusSeconds(5));
            assertThat(m.receivedAt()).isEqualTo(TwoNodes.START.plusSeconds(5));
        });
        assertThat(net.b.inbox("2000000")).extracting(InboxMessage::text).containsExactly("Hi Bob", "Second");
        assertThat(net.storeA.outbound(net.alice))
                .extracting(OutboundMessage::status)
                .containsExactly(OutboundStatus.DELIVERED, OutboundStatus.DELIVERED);
    }

    @Test
    void wireBodiesUseTheReferenceFieldNamesAndTypes() throws Exception {
        TwoNodes net = new TwoNodes();
        net.connectBobToAlice();
        net.b.send(net.bob, net.alice, "x");
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var exchanges = net.network.exchanges();
        // Recorded as answers complete: a nested callback finishes before the call that caused it.
        assertThat(exchanges)
                .extracting(e -> e.uri().toString())
                .containsExactly(
                        "https://b.example/openmsg/auth-confirm/", "https://a.example/openmsg/auth/",
                        "https://b.example/openmsg/message-confirm/", "https://a.example/openmsg/message-receive/");
        var auth = mapper.readTree(exchanges.get(1).request());
        assertThat(auth.get("receiving_openmsg_address_id").isTextual()).isTrue();
        assertThat(auth.get("pass_code").isTextual()).isTrue();
        assertThat(auth.get("sending_openmsg_address").textValue()).isEqualTo("2000000*b.example");
        assertThat(auth.get("sending_openmsg_address_name").textValue()).isEqualTo("Bob");
        assertThat(auth.get("sending_allow_replies").isBoolean()).isTrue();
        assertThat(auth.get("openmsg_version").intValue()).isEqualTo(1);
        var confirm = mapper.readTree(exchanges.get(0).request());
        assertThat(confirm.get("receiving_openmsg_address").textValue()).isEqualTo("1000000*a.example");
        assertThat(confirm.get("passcode_hash").textValue()).matches("[0-9a-f]{64}");
        var receive = mapper.readTree(exchanges.get(3).request());
        assertThat(receive.get("message_timestamp").isIntegralNumber()).isTrue();
        assertThat(receive.get("message_salt").textValue()).matches("[0-9a-f]{32}");
        assertThat(receive.get("message_package").textValue()).matches("[A-Za-z0-9_-]+");
        var messageConfirm = mapper.readTree(exchanges.get(2).request());
        assertThat(messageConfirm.get("message_nonce").textValue())
                .isEqualTo(receive.get("message_package").textValue().substring(0, 32));
        String reply = new String(exchanges.get(3).response().body(), StandardCharsets.UTF_8);
        assertThat(mapper.readTree(reply).get("response_code").textValue()).isEqualTo("SM_S888");
    }

    @Test
    void secondHandshakeKeepsIdentCodeAndRotatesTheSecrets() {
        TwoNodes net = new TwoNodes();
        net.connectBobToAlice();
        OpenmsgConnection first = net.aliceToBob();
        net.connectBobToAlice();
        OpenmsgConnection second = net.aliceToBob();
        assertThat(second.identCode()).isEqualTo(first.identCode());
        assertThat(second.authCode()).isNotEqualTo(first.authCode());
        assertThat(second.messageCryptKey()).isNotEqualTo(first.messageCryptKey());
        assertThat(net.bobToAlice().authCode()).isEqualTo(second.authCode());
        assertThat(net.b.send(net.bob, net.alice, "after rotation").isSent()).isTrue();
    }

    @Test
    void initiatorTakesTheAcceptorsNewIdentCodeWhenTheAcceptorLostItsRow() {
        TwoNodes net = new TwoNodes();
        net.connectBobToAlice();
        OpenmsgConnection stale = net.bobToAlice();
        // Alice's node lost its row (restore from backup): simulate by a fresh store entry for another ident.
        net.storeA.putConnection(new OpenmsgConnection(
                net.alice,
                net.bob,
                "Bob",
                true,
                Secret.ofText("0".repeat(64)),
                Secret.ofText("1".repeat(64)),
                Secret.ofText("2".repeat(64)),
                net.clock.now()));
        net.connectBobToAlice();
        assertThat(net.bobToAlice().identCode())
                .isEqualTo(Secret.ofText("1".repeat(64)))
                .isNotEqualTo(stale.identCode());
        assertThat(net.a.send(net.alice, net.bob, "works again").isSent()).isTrue();
    }

    @Test
    void sandboxNodesTalkUnderTheSandboxPrefix() {
        TwoNodes net = new TwoNodes(OpenmsgConfig.DEFAULTS.withSandbox(true));
        net.connectBobToAlice();
        assertThat(net.b.send(net.bob, net.alice, "sandboxed").isSent()).isTrue();
        assertThat(net.network.exchanges())
                .allSatisfy(e -> assertThat(e.uri().getPath()).startsWith("/openmsg/sandbox/"));
        assertThat(net.a.inbox("1000000")).extracting(InboxMessage::text).containsExactly("sandboxed");
    }

    @Test
    void initiatorAnswersTheLegacyAuthConfirmFormAndToleratesReferenceReplyQuirks() {
        TwoNodes net = new TwoNodes();
        String codes = "{\"success\":true,\"auth_code\":\"" + "a".repeat(64) + "\",\"ident_code\":\"" + "b".repeat(64)
                + "\",\"message_crypt_key\":\"" + "c".repeat(64) + "\",\"receiving_openmsg_address_name\":\"Old PHP\"}";
        byte[][] confirmAnswer = new byte[1][];
        // A June-2025 PHP acceptor: calls back with other_openmsg_address + the raw pass_code, answers with CRLFs
        // first.
        net.network.script("a.example", OpenmsgEndpoint.AUTH, body -> {
            String legacy = "{\"other_openmsg_address\":\"1000000*a.example\",\"pass_code\":\"654321\"}";
            confirmAnswer[0] = net.b
                    .handle(OpenmsgEndpoint.AUTH_CONFIRM, legacy.getBytes(StandardCharsets.UTF_8))
                    .body();
            return new PeerResponse(200, ("\r\n\r\n" + codes).getBytes(StandardCharsets.UTF_8));
        });
        assertThat(net.b.connect(net.bob, net.alice, Secret.ofText("654321")))
                .isEqualTo(new ConnectResult.Connected(net.bob, net.alice, "Old PHP"));
        assertThat(new String(confirmAnswer[0], StandardCharsets.UTF_8)).isEqualTo("{\"success\":true}");
        assertThat(net.bobToAlice().identCode()).isEqualTo(Secret.ofText("b".repeat(64)));
    }

    @Test
    void legacyAuthConfirmWithAnotherCodeIsRefused() throws Exception {
        TwoNodes net = new TwoNodes();
        byte[][] confirmAnswer = new byte[1][];
        net.network.script("a.example", OpenmsgEndpoint.AUTH, body -> {
            String legacy = "{\"other_openmsg_address\":\"1000000*a.example\",\"pass_code\":\"111111\"}";
            confirmAnswer[0] = net.b
                    .handle(OpenmsgEndpoint.AUTH_CONFIRM, legacy.getBytes(StandardCharsets.UTF_8))
                    .body();
            return new PeerResponse(
                    200,
                    "{\"error\":true,\"error_message\":\"Error: not confirmed\"}".getBytes(StandardCharsets.UTF_8));
        });
        ConnectResult result = net.b.connect(net.bob, net.alice, Secret.ofText("654321"));
        assertThat(result).isEqualTo(new ConnectResult.Failed(HandshakeError.PEER_REJECTED, "Error: not confirmed"));
        PeerReply reply = OpenmsgJson.parseReply(confirmAnswer[0], 1024);
        assertThat(reply.error()).isTrue();
        assertThat(reply.errorMessage()).contains("unknown pending authorization");
        assertThat(net.storeB.connection(net.bob, net.alice)).isEmpty();
        assertThat(net.storeB.pendingHandshakes(net.alice)).isEmpty();
    }

    @Test
    void peerReplyWithHttp200CarryingAnErrorFailsTheSend() {
        TwoNodes net = new TwoNodes();
        net.connectBobToAlice();
        net.network.script(
                "a.example",
                OpenmsgEndpoint.MESSAGE_RECEIVE,
                body -> new PeerResponse(
                        200,
                        "\r\n{\"error\":true,\"response_code\":\"SM_E008\",\"error_code\":\"message_rejected_temp\",\"error_message\":\"maintenance\"}"
                                .getBytes(StandardCharsets.UTF_8)));
        assertThat(net.b.send(net.bob, net.alice, "hi"))
                .isEqualTo(new SendResult.Failed(
                        SendResult.SendFailure.REJECTED, Optional.of(ResponseCode.SM_E008), "maintenance"));
        assertThat(net.storeB.outbound(net.bob))
                .extracting(OutboundMessage::status)
                .containsExactly(OutboundStatus.FAILED);
    }

    @Test
    void localOperationsRefuseBadArguments() {
        TwoNodes net = new TwoNodes();
        assertThatThrownBy(() -> net.a.addUser("12a", "X")).isInstanceOf(InvalidAddressException.class);
        assertThatThrownBy(() -> net.a.addUser("1", "x".repeat(41))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> net.a.addUser("1", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> net.a.issuePassCode("42")).isInstanceOf(IllegalArgumentException.class);
        assertThat(net.b.connect(net.alice, net.bob, Secret.ofText("123456")))
                .isEqualTo(new ConnectResult.Failed(HandshakeError.UNKNOWN_USER, "not an address of this node"));
        assertThat(net.b.connect(net.bob, net.alice, Secret.ofText("12345")))
                .isEqualTo(new ConnectResult.Failed(HandshakeError.PASS_CODE_INVALID, "a pass code is six digits"));
        assertThat(net.b.send(net.bob, net.alice, "no connection yet"))
                .extracting(r -> ((SendResult.Failed) r).reason())
                .isEqualTo(SendResult.SendFailure.NOT_CONNECTED);
        net.connectBobToAlice();
        assertThat(net.b.send(net.bob, net.alice, "x".repeat(2001)))
                .extracting(r -> ((SendResult.Failed) r).reason())
                .isEqualTo(SendResult.SendFailure.INVALID_TEXT);
        assertThat(net.b.send(net.bob, net.alice, ""))
                .extracting(r -> ((SendResult.Failed) r).reason())
                .isEqualTo(SendResult.SendFailure.INVALID_TEXT);
        assertThat(net.b.send(net.bob, net.alice, "✓".repeat(2000)).isSent()).isTrue();
        assertThat(net.storeB.outbound(net.bob)).hasSize(1);
    }

    @Test
    void peerCallFailuresAreReportedOnceAsTypedEvents() {
        TwoNodes net = new TwoNodes();
        PassCode code = net.a.issuePassCode("1000000");
        net.network.takeDown("a.example");
        net.b.connect(net.bob, net.alice, code.code());
        assertThat(net.events)
                .filteredOn(OpenmsgEvent.PeerCallFailed.class::isInstance)
                .singleElement()
                .isEqualTo(new OpenmsgEvent.PeerCallFailed(
                        net.clock.now(), OpenmsgEndpoint.AUTH, "a.example", FailureKind.IO));
        assertThat(net.events)
                .contains(new OpenmsgEvent.HandshakeFailed(
                        net.clock.now(), net.bob, net.alice, HandshakeError.PEER_UNREACHABLE));
    }

    @Test
    void cleanUpRemovesExpiredStateAndReportsTheCount() {
        TwoNodes net = new TwoNodes();
        net.a.issuePassCode("1000000");
        net.clock.advance(Duration.ofHours(2));
        assertThat(net.a.cleanUp()).isEqualTo(1);
        assertThat(net.events).contains(new OpenmsgEvent.CleanedUp(net.clock.now(), 1));
        assertThat(net.a.cleanUp()).isZero();
    }

    @Test
    void unreachablePeersFailWithoutStoringAnything() {
        TwoNodes net = new TwoNodes();
        PassCode code = net.a.issuePassCode("1000000");
        net.network.takeDown("a.example");
        assertThat(net.b.connect(net.bob, net.alice, code.code()))
                .extracting(r -> ((ConnectResult.Failed) r).error())
                .isEqualTo(HandshakeError.PEER_UNREACHABLE);
        assertThat(net.storeB.pendingHandshakes(net.alice)).isEmpty();
        assertThat(net.storeB.connection(net.bob, net.alice)).isEmpty();
        net.network.bringUp("a.example");
        net.connectBobToAlice();
        net.network.takeDown("a.example");
        assertThat(net.b.send(net.bob, net.alice, "lost"))
                .extracting(r -> ((SendResult.Failed) r).reason())
                .isEqualTo(SendResult.SendFailure.PEER_UNREACHABLE);
        assertThat(net.storeB.outbound(net.bob))
                .extracting(OutboundMessage::status)
                .containsExactly(OutboundStatus.FAILED);
    }

    @Test
    void twoUsersOfOneNodeConnectAndTalkThroughTheProtocol() {
        TwoNodes net = new TwoNodes();
        net.b.addUser("2000001", "Bea");
        OpenmsgAddress bea = net.b.address("2000001");
        PassCode code = net.b.issuePassCode("2000001");
        assertThat(net.b.connect(net.bob, bea, code.code()))
                .isEqualTo(new ConnectResult.Connected(net.bob, bea, "Bea"));
        assertThat(net.b.send(net.bob, bea, "next door").isSent()).isTrue();
        assertThat(net.b.send(bea, net.bob, "hello neighbour").isSent()).isTrue();
        assertThat(net.b.inbox("2000001")).extracting(InboxMessage::text).containsExactly("next door");
        assertThat(net.b.inbox("2000000")).extracting(InboxMessage::text).containsExactly("hello neighbour");
    }

    @Test
    void anyTextArrivesUnchanged() {
        TwoNodes net = new TwoNodes();
        net.connectBobToAlice();
        // Code points without surrogates (lone surrogates are not text); up to 2000 per message as sent.
        qt().withExamples(60)
                .forAll(strings().betweenCodePoints(0x01, 0xD7FF).ofLengthBetween(1, 2000))
                .checkAssert(text -> {
                    int before = net.a.inbox("1000000").size();
                    assertThat(net.b.send(net.bob, net.alice, text).isSent()).isTrue();
                    assertThat(net.a.inbox("1000000"))
                            .hasSize(before + 1)
                            .last()
                            .extracting(InboxMessage::text)
                            .isEqualTo(text);
                });
    }

    @Test
    void eventsNeverCarrySecrets() {
        TwoNodes net = new TwoNodes();
        PassCode code = net.a.issuePassCode("1000000");
        net.b.connect(net.bob, net.alice, code.code());
        net.b.send(net.bob, net.alice, "secret text");
        OpenmsgConnection connection = net.aliceToBob();
        List<String> secrets = List.of(
                code.code().revealText(),
                connection.authCode().revealText(),
                connection.identCode().revealText(),
                connection.messageCryptKey().revealText(),
                "secret text");
        assertThat(net.events)
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.toString()).doesNotContain(secrets));
        assertThat(connection.toString()).doesNotContain(secrets);
    }
}
