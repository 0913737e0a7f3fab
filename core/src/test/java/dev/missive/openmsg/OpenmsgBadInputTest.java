package dev.missive.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.Secret;
import dev.missive.openmsg.model.HandshakeError;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.ResponseCode;
import dev.missive.openmsg.spi.OutboundMessage;
import dev.missive.openmsg.spi.OutboundStatus;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PendingHandshake;
import dev.missive.openmsg.wire.MessageSeal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Per endpoint, every class of bad input gets the protocol's error and stores nothing. */
class OpenmsgBadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TwoNodes net = new TwoNodes();

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode parse(OpenmsgReply reply) {
        assertThat(reply.httpStatus()).isEqualTo(200);
        try {
            return JSON.readTree(reply.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ==== message-receive (on node b, from Alice) ====================================================

    private ObjectNode messageFromAlice(String text, long timestamp) {
        return net.messageFromAlice(text, timestamp);
    }

    private ObjectNode connectedMessage() {
        net.connectBobToAlice();
        return messageFromAlice("hello", net.clock.now().getEpochSecond());
    }

    private void assertReceiveRefused(byte[] body, ResponseCode expected) {
        JsonNode reply = parse(net.b.handle(OpenmsgEndpoint.MESSAGE_RECEIVE, body));
        assertThat(reply.get("error").booleanValue()).isTrue();
        assertThat(reply.get("response_code").textValue()).isEqualTo(expected.name());
        assertThat(reply.get("error_code").textValue())
                .isEqualTo(expected.errorCode().orElseThrow());
        assertThat(net.b.inbox("2000000")).as("nothing stored").isEmpty();
    }

    private void assertReceiveRefused(ObjectNode body, ResponseCode expected) {
        assertReceiveRefused(bytes(body), expected);
    }

    private void assertReceiveAccepted(ObjectNode body) {
        JsonNode reply = parse(net.b.handle(OpenmsgEndpoint.MESSAGE_RECEIVE, bytes(body)));
        assertThat(reply.get("success").booleanValue()).isTrue();
        assertThat(reply.get("response_code").textValue()).isEqualTo("SM_S888");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "receiving_openmsg_address_id",
                "ident_code",
                "message_package",
                "message_hash",
                "message_salt",
                "message_timestamp"
            })
    void receiveWithAMissingFieldIsSmE000(String field) {
        ObjectNode body = connectedMessage();
        body.remove(field);
        assertReceiveRefused(body, ResponseCode.SM_E000);
        body = messageFromAlice("again", net.clock.now().getEpochSecond());
        body.putNull(field);
        assertReceiveRefused(body, ResponseCode.SM_E000);
    }

    static Stream<Arguments> wrongTypesAndFormats() {
        return Stream.<Arguments>of(
                Arguments.of("hash true (the reference's loose-comparison bypass)", (Consumer<ObjectNode>)
                        b -> b.put("message_hash", true)),
                Arguments.of("hash number", (Consumer<ObjectNode>) b -> b.put("message_hash", 0)),
                Arguments.of("hash 63 hex", (Consumer<ObjectNode>) b -> b.put("message_hash", "a".repeat(63))),
                Arguments.of("hash not hex", (Consumer<ObjectNode>) b -> b.put("message_hash", "g".repeat(64))),
                Arguments.of("ident array", (Consumer<ObjectNode>) b -> b.putArray("ident_code")),
                Arguments.of("ident short", (Consumer<ObjectNode>) b -> b.put("ident_code", "ab")),
                Arguments.of("salt not hex", (Consumer<ObjectNode>) b -> b.put("message_salt", "zz".repeat(16))),
                Arguments.of("salt 16 hex", (Consumer<ObjectNode>) b -> b.put("message_salt", "ab".repeat(8))),
                Arguments.of("timestamp string", (Consumer<ObjectNode>) b -> b.put("message_timestamp", "1772366400")),
                Arguments.of("timestamp float", (Consumer<ObjectNode>) b -> b.put("message_timestamp", 1772366400.5)),
                Arguments.of("timestamp negative", (Consumer<ObjectNode>) b -> b.put("message_timestamp", -1)),
                Arguments.of("timestamp huge", (Consumer<ObjectNode>)
                        b -> b.put("message_timestamp", new java.math.BigInteger("99999999999999999999999"))),
                Arguments.of("id not digits", (Consumer<ObjectNode>)
                        b -> b.put("receiving_openmsg_address_id", "2000000*b.example")),
                Arguments.of("id number", (Consumer<ObjectNode>) b -> b.put("receiving_openmsg_address_id", 2000000)),
                Arguments.of("package standard base64", (Consumer<ObjectNode>) b -> b.put(
                        "message_package",
                        b.get("message_package").textValue().replace('-', '+').replace('_', '/') + "+")),
                Arguments.of("package padded", (Consumer<ObjectNode>)
                        b -> b.put("message_package", b.get("message_package").textValue() + "=")),
                Arguments.of("package too short", (Consumer<ObjectNode>)
                        b -> b.put("message_package", Encodings.base64Url(new byte[39]))),
                Arguments.of("package empty", (Consumer<ObjectNode>) b -> b.put("message_package", "")),
                Arguments.of("package object", (Consumer<ObjectNode>) b -> b.putObject("message_package")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypesAndFormats")
    void receiveWithAWrongTypeOrFormatIsSmE000(String name, Consumer<ObjectNode> mutation) {
        ObjectNode body = connectedMessage();
        mutation.accept(body);
        assertReceiveRefused(body, ResponseCode.SM_E000);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "\"text\"",
                "null",
                "{\"a\":1}{\"b\":2}",
                "{\"message_hash\":\"a\",\"message_hash\":\"b\"}",
                "{",
                "\u0000"
            })
    void receiveWithNonObjectBodiesIsSmE000(String body) {
        net.connectBobToAlice();
        assertReceiveRefused(body.getBytes(StandardCharsets.UTF_8), ResponseCode.SM_E000);
    }

    @Test
    void receiveWithDuplicateMemberIsSmE000() {
        ObjectNode body = connectedMessage();
        String text = new String(bytes(body), StandardCharsets.UTF_8);
        String duplicated = text.substring(0, text.length() - 1) + ",\"message_hash\":\"" + "0".repeat(64) + "\"}";
        assertReceiveRefused(duplicated.getBytes(StandardCharsets.UTF_8), ResponseCode.SM_E000);
    }

    @Test
    void oversizeReceiveIsSmE000() {
        ObjectNode body = connectedMessage();
        body.put("padding", "x".repeat(OpenmsgConfig.DEFAULTS.maxRequestBytes()));
        assertReceiveRefused(body, ResponseCode.SM_E000);
    }

    @Test
    void unknownIdentCodeOrRecipientIsSmE001() {
        ObjectNode body = connectedMessage();
        ObjectNode otherIdent = body.deepCopy();
        otherIdent.put("ident_code", "0".repeat(64));
        assertReceiveRefused(otherIdent, ResponseCode.SM_E001);
        ObjectNode otherUser = body.deepCopy();
        otherUser.put("receiving_openmsg_address_id", "2000001");
        assertReceiveRefused(otherUser, ResponseCode.SM_E001);
        ObjectNode sameIdEveryDigit = body.deepCopy();
        sameIdEveryDigit.put("receiving_openmsg_address_id", "9".repeat(253));
        assertReceiveRefused(sameIdEveryDigit, ResponseCode.SM_E001);
    }

    @Test
    void wrongHashIsSmE004() {
        ObjectNode body = connectedMessage();
        String hash = body.get("message_hash").textValue();
        body.put("message_hash", (hash.charAt(0) == 'a' ? "b" : "a") + hash.substring(1));
        assertReceiveRefused(body, ResponseCode.SM_E004);
    }

    @Test
    void alteredSaltOrTimestampBreaksTheHash() {
        ObjectNode body = connectedMessage();
        ObjectNode salt = body.deepCopy();
        salt.put("message_salt", "01".repeat(16));
        assertReceiveRefused(salt, ResponseCode.SM_E004);
        ObjectNode timestamp = body.deepCopy();
        timestamp.put("message_timestamp", body.get("message_timestamp").longValue() - 1);
        assertReceiveRefused(timestamp, ResponseCode.SM_E004);
    }

    @Test
    void staleAndFutureTimestampsAreSmE005() {
        net.connectBobToAlice();
        long now = net.clock.now().getEpochSecond();
        assertReceiveRefused(messageFromAlice("stale", now - 61), ResponseCode.SM_E005);
        assertReceiveRefused(messageFromAlice("future", now + 31), ResponseCode.SM_E005);
        assertReceiveRefused(messageFromAlice("beyond Instant's range", Long.MAX_VALUE), ResponseCode.SM_E005);
        assertReceiveAccepted(messageFromAlice("edge of the window", now - 60));
        assertReceiveAccepted(messageFromAlice("edge of the skew", now + 30));
    }

    @Test
    void tamperedCiphertextWithAValidHashIsSmE006() {
        ObjectNode body = connectedMessage();
        byte[] packageBytes =
                Encodings.fromBase64Url(body.get("message_package").textValue());
        packageBytes[packageBytes.length - 1] ^= 1;
        String tampered = Encodings.base64Url(packageBytes);
        body.put("message_package", tampered);
        body.put(
                "message_hash",
                MessageSeal.messageHash(
                        tampered,
                        net.aliceToBob().authCode(),
                        body.get("message_salt").textValue(),
                        body.get("message_timestamp").longValue()));
        assertReceiveRefused(body, ResponseCode.SM_E006);
    }

    @Test
    void replayedMessageIsSmE007AndStoredOnce() {
        ObjectNode body = connectedMessage();
        assertReceiveAccepted(body);
        JsonNode again = parse(net.b.handle(OpenmsgEndpoint.MESSAGE_RECEIVE, bytes(body)));
        assertThat(again.get("response_code").textValue()).isEqualTo("SM_E007");
        assertThat(again.get("error_code").textValue()).isEqualTo("message_nonce_error");
        net.clock.advance(Duration.ofSeconds(59));
        assertThat(parse(net.b.handle(OpenmsgEndpoint.MESSAGE_RECEIVE, bytes(body)))
                        .get("response_code")
                        .textValue())
                .isEqualTo("SM_E007");
        assertThat(net.b.inbox("2000000")).hasSize(1);
    }

    @Test
    void replayIsRefusedEvenIfTheSenderWouldConfirmAgain() {
        ObjectNode body = connectedMessage();
        assertReceiveAccepted(body);
        // A sender that confirms everything (like a reference node whose outbox row survived).
        net.network.script(
                "a.example",
                OpenmsgEndpoint.MESSAGE_CONFIRM,
                request -> new PeerResponse(200, "{\"success\":true}".getBytes(StandardCharsets.UTF_8)));
        assertThat(parse(net.b.handle(OpenmsgEndpoint.MESSAGE_RECEIVE, bytes(body)))
                        .get("response_code")
                        .textValue())
                .isEqualTo("SM_E007");
        assertThat(net.b.inbox("2000000")).hasSize(1);
    }

    @Test
    void messageTheSenderDidNotSendIsSmE003() {
        net.connectBobToAlice();
        ObjectNode body = messageFromAlice("forged", net.clock.now().getEpochSecond());
        net.storeA.completeOutbound(body.get("message_hash").textValue(), OutboundStatus.FAILED);
        assertReceiveRefused(body, ResponseCode.SM_E003);
    }

    @Test
    void confirmationPeerUnreachableIsSmE000() {
        ObjectNode body = connectedMessage();
        net.network.takeDown("a.example");
        assertReceiveRefused(body, ResponseCode.SM_E000);
    }

    @Test
    void confirmationAnswersAreReadLikeTheReference() {
        ObjectNode body = connectedMessage();
        net.network.script("a.example", OpenmsgEndpoint.MESSAGE_CONFIRM, request -> new PeerResponse(404, new byte[0]));
        assertReceiveRefused(body, ResponseCode.SM_E003);
        net.network.script("a.example", OpenmsgEndpoint.MESSAGE_CONFIRM, request -> new PeerResponse(500, new byte[0]));
        assertReceiveRefused(body, ResponseCode.SM_E000);
        net.network.script(
                "a.example",
                OpenmsgEndpoint.MESSAGE_CONFIRM,
                request -> new PeerResponse(200, "<html>oops</html>".getBytes(StandardCharsets.UTF_8)));
        assertReceiveRefused(body, ResponseCode.SM_E000);
        net.network.script(
                "a.example",
                OpenmsgEndpoint.MESSAGE_CONFIRM,
                request -> new PeerResponse(200, "{\"success\":\"0\"}".getBytes(StandardCharsets.UTF_8)));
        assertReceiveRefused(body, ResponseCode.SM_E000);
        net.network.script(
                "a.example",
                OpenmsgEndpoint.MESSAGE_CONFIRM,
                request -> new PeerResponse(
                        200, "{\"error\":true,\"response_code\":\"SM_E009\"}".getBytes(StandardCharsets.UTF_8)));
        assertReceiveRefused(body, ResponseCode.SM_E009);
        net.network.script(
                "a.example",
                OpenmsgEndpoint.MESSAGE_CONFIRM,
                request -> new PeerResponse(
                        200, "{\"error\":1,\"response_code\":\"SM_S888\"}".getBytes(StandardCharsets.UTF_8)));
        assertReceiveRefused(body, ResponseCode.SM_E003);
        net.network.script(
                "a.example",
                OpenmsgEndpoint.MESSAGE_CONFIRM,
                request -> new PeerResponse(200, "\r\n\r\n{\"success\":1}".getBytes(StandardCharsets.UTF_8)));
        assertReceiveAccepted(body);
    }

    @Test
    void confirmationGoesToTheDomainOfTheStoredConnection() {
        ObjectNode body = connectedMessage();
        body.put("sending_openmsg_address", "1000000*evil.example");
        body.put("sending_openmsg_address_name", "Mallory");
        assertReceiveAccepted(body);
        assertThat(net.network.exchanges())
                .last()
                .extracting(e -> e.uri().toString())
                .isEqualTo("https://a.example/openmsg/message-confirm/");
        assertThat(net.b.inbox("2000000"))
                .singleElement()
                .extracting(InboxMessage::senderName)
                .isEqualTo("Alice");
    }

    // ==== message-confirm (on node a) ================================================================

    private void assertConfirmRefused(String body, ResponseCode expected) {
        JsonNode reply = parse(net.a.handle(OpenmsgEndpoint.MESSAGE_CONFIRM, body.getBytes(StandardCharsets.UTF_8)));
        assertThat(reply.get("error").booleanValue()).isTrue();
        assertThat(reply.get("response_code").textValue()).isEqualTo(expected.name());
        assertThat(reply.get("error_code").textValue())
                .isEqualTo(expected.errorCode().orElseThrow());
    }

    private OutboundMessage sentByAlice() {
        OutboundMessage message = new OutboundMessage(
                net.alice,
                net.bob,
                "ab".repeat(32),
                "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZX",
                "hi",
                net.clock.now(),
                net.clock.now().plusSeconds(60),
                OutboundStatus.PENDING);
        net.storeA.addOutbound(message);
        return message;
    }

    private static String confirmBody(String hash, String nonce) {
        return "{\"message_hash\":\"" + hash + "\",\"message_nonce\":\"" + nonce + "\"}";
    }

    @Test
    void confirmWithMissingOrMistypedFieldsIsSmE000() {
        OutboundMessage sent = sentByAlice();
        assertConfirmRefused("{\"message_hash\":\"" + sent.messageHash() + "\"}", ResponseCode.SM_E000);
        assertConfirmRefused("{\"message_nonce\":\"" + sent.messageNonce() + "\"}", ResponseCode.SM_E000);
        assertConfirmRefused(
                "{\"message_hash\":true,\"message_nonce\":\"" + sent.messageNonce() + "\"}", ResponseCode.SM_E000);
        assertConfirmRefused(confirmBody(sent.messageHash(), sent.messageNonce().substring(1)), ResponseCode.SM_E000);
        assertConfirmRefused("[]", ResponseCode.SM_E000);
        assertConfirmRefused("", ResponseCode.SM_E000);
        assertThat(net.storeA.outbound(net.alice))
                .singleElement()
                .extracting(OutboundMessage::status)
                .isEqualTo(OutboundStatus.PENDING);
    }

    @Test
    void confirmOfUnknownHashOrWrongNonceIsSmE003() {
        OutboundMessage sent = sentByAlice();
        assertConfirmRefused(confirmBody("cd".repeat(32), sent.messageNonce()), ResponseCode.SM_E003);
        assertConfirmRefused(confirmBody(sent.messageHash(), "A".repeat(32)), ResponseCode.SM_E003);
        assertThat(net.storeA.outbound(net.alice))
                .singleElement()
                .extracting(OutboundMessage::status)
                .isEqualTo(OutboundStatus.PENDING);
    }

    @Test
    void confirmIsSingleUseAndLimitedToTheWindow() {
        OutboundMessage sent = sentByAlice();
        JsonNode first = parse(net.a.handle(
                OpenmsgEndpoint.MESSAGE_CONFIRM,
                confirmBody(sent.messageHash().toUpperCase(), sent.messageNonce())
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(first.get("success").booleanValue()).isTrue();
        assertConfirmRefused(confirmBody(sent.messageHash(), sent.messageNonce()), ResponseCode.SM_E003);

        net.storeA.addOutbound(new OutboundMessage(
                net.alice,
                net.bob,
                "ef".repeat(32),
                sent.messageNonce(),
                "late",
                net.clock.now(),
                net.clock.now().plusSeconds(60),
                OutboundStatus.PENDING));
        net.clock.advance(Duration.ofSeconds(61));
        assertConfirmRefused(confirmBody("ef".repeat(32), sent.messageNonce()), ResponseCode.SM_E003);
    }

    // ==== auth (on node a, Alice is the acceptor) ===================================================

    private ObjectNode authBody(String passCode) {
        ObjectNode body = JSON.createObjectNode();
        body.put("receiving_openmsg_address_id", "1000000");
        body.put("pass_code", passCode);
        body.put("sending_openmsg_address", "2000000*b.example");
        body.put("sending_openmsg_address_name", "Bob");
        body.put("sending_allow_replies", true);
        body.put("openmsg_version", 1);
        return body;
    }

    /** Posts auth/ to Alice's node as Bob's node would, with a pending handshake on Bob's node. */
    private JsonNode auth(ObjectNode body) {
        JsonNode passCode = body.get("pass_code");
        if (passCode != null && passCode.isTextual()) {
            String hash = MessageSeal.passcodeHash(Secret.ofText(passCode.textValue()), net.bob, net.alice)
                    .revealText();
            net.storeB.putPendingHandshake(new PendingHandshake(
                    net.bob,
                    net.alice,
                    Secret.ofText(hash),
                    net.clock.now(),
                    net.clock.now().plusSeconds(60)));
        }
        return parse(net.a.handle(OpenmsgEndpoint.AUTH, bytes(body)));
    }

    private void assertAuthRefused(JsonNode reply, HandshakeError error) {
        assertThat(reply.get("error").booleanValue()).isTrue();
        assertThat(reply.get("error_message").textValue()).isEqualTo(error.wireMessage());
        assertThat(reply.has("auth_code")).isFalse();
        assertThat(net.storeA.connection(net.alice, net.bob))
                .as("nothing stored")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "receiving_openmsg_address_id",
                "pass_code",
                "sending_openmsg_address",
                "sending_openmsg_address_name"
            })
    void authWithAMissingFieldIsMalformed(String field) {
        String code = net.a.issuePassCode("1000000").code().revealText();
        ObjectNode body = authBody(code);
        body.remove(field);
        assertAuthRefused(auth(body), HandshakeError.MALFORMED_REQUEST);
        assertThat(auth(authBody(code)).get("success").booleanValue())
                .as("the code was not consumed")
                .isTrue();
    }

    static Stream<Arguments> authWrongTypes() {
        return Stream.<Arguments>of(
                Arguments.of("pass code as number", (Consumer<ObjectNode>) b -> b.put("pass_code", 123456)),
                Arguments.of(
                        "id as number", (Consumer<ObjectNode>) b -> b.put("receiving_openmsg_address_id", 1000000)),
                Arguments.of(
                        "allow replies as string", (Consumer<ObjectNode>) b -> b.put("sending_allow_replies", "yes")),
                Arguments.of("allow replies as 2", (Consumer<ObjectNode>) b -> b.put("sending_allow_replies", 2)),
                Arguments.of("name as object", (Consumer<ObjectNode>) b -> b.putObject("sending_openmsg_address_name")),
                Arguments.of("name of 41 characters", (Consumer<ObjectNode>)
                        b -> b.put("sending_openmsg_address_name", "n".repeat(41))),
                Arguments.of("name with a newline", (Consumer<ObjectNode>)
                        b -> b.put("sending_openmsg_address_name", "Bob\nEve")),
                Arguments.of("oversize", (Consumer<ObjectNode>) b -> b.put("x", "x".repeat(70_000))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authWrongTypes")
    void authWithAWrongTypeIsMalformed(String name, Consumer<ObjectNode> mutation) {
        String code = net.a.issuePassCode("1000000").code().revealText();
        ObjectNode body = authBody(code);
        mutation.accept(body);
        assertAuthRefused(auth(body), HandshakeError.MALFORMED_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2000000*b.example:8443",
                "2000000*b.example/evil",
                "2000000*user@b.example",
                "2000000",
                "abc*b.example",
                "2000000*b.example*c",
                "2000000*-b.example",
                "2000000*b..example",
                "2000000*[::1]",
                "2000000*b_example.com"
            })
    void authFromAnInvalidAddressMakesNoCallback(String sendingAddress) {
        String code = net.a.issuePassCode("1000000").code().revealText();
        ObjectNode body = authBody(code);
        body.put("sending_openmsg_address", sendingAddress);
        assertAuthRefused(parse(net.a.handle(OpenmsgEndpoint.AUTH, bytes(body))), HandshakeError.INVALID_ADDRESS);
        assertThat(net.network.exchanges())
                .as("no callback to an unvalidated host")
                .isEmpty();
    }

    @Test
    void wrongPassCodeIsRefusedAndTheRightOneStillWorks() {
        String code = net.a.issuePassCode("1000000").code().revealText();
        String wrong = code.equals("000000") ? "000001" : "000000";
        assertAuthRefused(auth(authBody(wrong)), HandshakeError.PASS_CODE_INVALID);
        assertAuthRefused(auth(authBody("12345a")), HandshakeError.PASS_CODE_INVALID);
        assertAuthRefused(auth(authBody("1234567")), HandshakeError.PASS_CODE_INVALID);
        assertThat(auth(authBody(code)).get("success").booleanValue()).isTrue();
        assertThat(net.storeA.connection(net.alice, net.bob)).isPresent();
    }

    @Test
    void reusedPassCodeIsRefused() {
        String code = net.a.issuePassCode("1000000").code().revealText();
        assertThat(auth(authBody(code)).get("success").booleanValue()).isTrue();
        var before = net.storeA.connection(net.alice, net.bob).orElseThrow();
        JsonNode reply = auth(authBody(code));
        assertThat(reply.get("error_message").textValue()).isEqualTo(HandshakeError.PASS_CODE_INVALID.wireMessage());
        assertThat(net.storeA.connection(net.alice, net.bob)).contains(before);
    }

    @Test
    void expiredPassCodeIsRefused() {
        String code = net.a.issuePassCode("1000000").code().revealText();
        net.clock.advance(Duration.ofSeconds(3600));
        assertAuthRefused(auth(authBody(code)), HandshakeError.PASS_CODE_EXPIRED);
    }

    @Test
    void fiveWrongPassCodesBurnEveryCodeOfTheTarget() {
        String code = net.a.issuePassCode("1000000").code().revealText();
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 4; i++) {
            assertAuthRefused(auth(authBody(wrong)), HandshakeError.PASS_CODE_INVALID);
        }
        assertAuthRefused(auth(authBody(wrong)), HandshakeError.PASS_CODE_LOCKED);
        assertAuthRefused(auth(authBody(code)), HandshakeError.PASS_CODE_INVALID);
        assertThat(net.events).contains(new OpenmsgEvent.PassCodeLockedOut(net.clock.now(), net.alice));
    }

    @Test
    void unknownTargetUserLooksLikeAWrongCode() {
        net.a.issuePassCode("1000000");
        ObjectNode body = authBody("123456");
        body.put("receiving_openmsg_address_id", "999");
        assertAuthRefused(auth(body), HandshakeError.PASS_CODE_INVALID);
    }

    @Test
    void refusedConfirmationStoresNoConnectionAndBurnsTheCode() {
        String code = net.a.issuePassCode("1000000").code().revealText();
        // No pending handshake on Bob's node: auth-confirm answers "unknown pending authorization".
        JsonNode reply = parse(net.a.handle(OpenmsgEndpoint.AUTH, bytes(authBody(code))));
        assertAuthRefused(reply, HandshakeError.CONFIRMATION_FAILED);
        assertAuthRefused(auth(authBody(code)), HandshakeError.PASS_CODE_INVALID);
    }

    @Test
    void unreachableInitiatorStoresNoConnection() {
        String code = net.a.issuePassCode("1000000").code().revealText();
        net.network.takeDown("b.example");
        assertAuthRefused(auth(authBody(code)), HandshakeError.CONFIRMATION_FAILED);
    }

    @Test
    void authErrorsNeverEchoTheRequest() {
        String code = net.a.issuePassCode("1000000").code().revealText();
        String wrong = code.equals("000000") ? "000001" : "000000";
        String reply = new String(
                net.a.handle(OpenmsgEndpoint.AUTH, bytes(authBody(wrong))).body(), StandardCharsets.UTF_8);
        assertThat(reply).doesNotContain(wrong, "2000000", "b.example");
    }

    // ==== auth-confirm (on node b, Bob is the initiator) =============================================

    private JsonNode authConfirm(String body) {
        return parse(net.b.handle(OpenmsgEndpoint.AUTH_CONFIRM, body.getBytes(StandardCharsets.UTF_8)));
    }

    private String pendingOnBob() {
        String hash = MessageSeal.passcodeHash(Secret.ofText("123456"), net.bob, net.alice)
                .revealText();
        net.storeB.putPendingHandshake(new PendingHandshake(
                net.bob,
                net.alice,
                Secret.ofText(hash),
                net.clock.now(),
                net.clock.now().plusSeconds(60)));
        return hash;
    }

    private static String confirm(String address, String hash) {
        return "{\"receiving_openmsg_address\":\"" + address + "\",\"passcode_hash\":\"" + hash + "\"}";
    }

    private void assertConfirmError(JsonNode reply, HandshakeError error) {
        assertThat(reply.get("error").booleanValue()).isTrue();
        assertThat(reply.get("error_message").textValue()).isEqualTo(error.wireMessage());
    }

    @Test
    void authConfirmWithMissingOrMistypedFieldsIsMalformed() {
        String hash = pendingOnBob();
        assertConfirmError(authConfirm("{\"passcode_hash\":\"" + hash + "\"}"), HandshakeError.MALFORMED_REQUEST);
        assertConfirmError(
                authConfirm("{\"receiving_openmsg_address\":\"1000000*a.example\"}"), HandshakeError.MALFORMED_REQUEST);
        assertConfirmError(
                authConfirm("{\"receiving_openmsg_address\":\"1000000*a.example\",\"passcode_hash\":true}"),
                HandshakeError.MALFORMED_REQUEST);
        assertConfirmError(
                authConfirm(confirm("1000000*a.example", hash.substring(2))), HandshakeError.MALFORMED_REQUEST);
        assertConfirmError(
                authConfirm("{\"other_openmsg_address\":\"1000000*a.example\",\"pass_code\":123456}"),
                HandshakeError.MALFORMED_REQUEST);
        assertConfirmError(authConfirm(confirm("1000000*a.example:1", hash)), HandshakeError.INVALID_ADDRESS);
        assertThat(net.storeB.pendingHandshakes(net.alice)).as("still pending").hasSize(1);
    }

    @Test
    void authConfirmForAnUnknownHandshakeIsRefusedWithoutEcho() {
        String hash = pendingOnBob();
        String other = "0".repeat(64);
        JsonNode reply = authConfirm(confirm("1000000*a.example", other));
        assertConfirmError(reply, HandshakeError.UNKNOWN_PENDING_HANDSHAKE);
        assertThat(reply.toString()).doesNotContain(other, "1000000");
        assertConfirmError(authConfirm(confirm("1000001*a.example", hash)), HandshakeError.UNKNOWN_PENDING_HANDSHAKE);
        assertThat(net.storeB.pendingHandshakes(net.alice)).hasSize(1);
    }

    @Test
    void authConfirmIsSingleUse() {
        String hash = pendingOnBob();
        assertThat(authConfirm(confirm("1000000*a.example", hash.toUpperCase()))
                        .get("success")
                        .booleanValue())
                .isTrue();
        assertConfirmError(authConfirm(confirm("1000000*a.example", hash)), HandshakeError.UNKNOWN_PENDING_HANDSHAKE);
    }

    @Test
    void expiredAuthConfirmIsRefusedAndForgotten() {
        String hash = pendingOnBob();
        net.clock.advance(Duration.ofSeconds(60));
        assertConfirmError(authConfirm(confirm("1000000*a.example", hash)), HandshakeError.HANDSHAKE_EXPIRED);
        assertThat(net.storeB.pendingHandshakes(net.alice)).isEmpty();
    }
}
