package dev.missive.openmsg.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.missive.crypto.Secret;
import dev.missive.openmsg.model.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class OpenmsgJsonTest {

    private static final int MAX = 64 * 1024;

    private static Gen<String> hex(int length) {
        return strings().betweenCodePoints('a', 'f').ofLength(length);
    }

    private static Gen<String> text() {
        return strings().allPossible().ofLengthBetween(1, 60);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void authRequestRoundTrips() {
        qt().forAll(
                        strings().betweenCodePoints('0', '9').ofLengthBetween(1, 12),
                        text(),
                        text(),
                        booleans().all())
                .checkAssert((id, address, name, allow) -> {
                    AuthRequest request = new AuthRequest(id, Secret.ofText("012345"), address, name, allow);
                    try {
                        assertThat(OpenmsgJson.decodeAuthRequest(OpenmsgJson.encode(request), MAX))
                                .isEqualTo(request);
                    } catch (WireFormatException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void messageReceiveRequestRoundTrips() {
        qt().forAll(hex(64), hex(64), longs().between(0, Long.MAX_VALUE), text())
                .checkAssert((ident, hash, timestamp, pkg) -> {
                    MessageReceiveRequest request = new MessageReceiveRequest(
                            "0042",
                            Secret.ofText(ident),
                            pkg,
                            hash,
                            hash.substring(0, 32),
                            timestamp,
                            Optional.of("Name"));
                    try {
                        assertThat(OpenmsgJson.decodeMessageReceiveRequest(OpenmsgJson.encode(request), MAX))
                                .isEqualTo(request);
                    } catch (WireFormatException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void confirmRequestsRoundTripInBothAuthConfirmForms() throws Exception {
        AuthConfirmRequest current =
                new AuthConfirmRequest("1*a.example", Optional.of(Secret.ofText("ab".repeat(32))), Optional.empty());
        AuthConfirmRequest legacy =
                new AuthConfirmRequest("1*a.example", Optional.empty(), Optional.of(Secret.ofText("123456")));
        assertThat(OpenmsgJson.decodeAuthConfirmRequest(OpenmsgJson.encode(current), MAX))
                .isEqualTo(current);
        assertThat(new String(OpenmsgJson.encode(legacy), StandardCharsets.UTF_8))
                .contains("other_openmsg_address");
        assertThat(OpenmsgJson.decodeAuthConfirmRequest(OpenmsgJson.encode(legacy), MAX))
                .isEqualTo(legacy);
        MessageConfirmRequest confirm = new MessageConfirmRequest("cd".repeat(32), "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZX");
        assertThat(OpenmsgJson.decodeMessageConfirmRequest(OpenmsgJson.encode(confirm), MAX))
                .isEqualTo(confirm);
    }

    @Test
    void authSuccessRoundTripsThroughTheTolerantReplyReader() throws Exception {
        AuthSuccess success = new AuthSuccess(
                Secret.ofText("a".repeat(64)), Secret.ofText("b".repeat(64)), Secret.ofText("c".repeat(64)), "Alice");
        assertThat(OpenmsgJson.authSuccess(OpenmsgJson.parseReply(OpenmsgJson.authSuccess(success), MAX)))
                .isEqualTo(success);
    }

    @Test
    void replyReaderToleratesTheReferenceQuirks() throws Exception {
        PeerReply reply = OpenmsgJson.parseReply(
                utf8("\r\n\r\n  {\"success\":\"1\",\"response_code\":\"SM_S888\"}\n<!-- x -->"), MAX);
        assertThat(reply.succeeded()).isTrue();
        assertThat(reply.responseCode()).contains("SM_S888");
        assertThat(OpenmsgJson.parseReply(utf8("\uFEFF{\"success\":1}"), MAX).succeeded())
                .isTrue();
        assertThat(OpenmsgJson.parseReply(utf8("{\"success\":true,\"error\":true}"), MAX)
                        .succeeded())
                .isFalse();
        for (String falsy : new String[] {"false", "0", "0.0", "\"\"", "\"0\"", "null", "[]", "{}"}) {
            assertThat(OpenmsgJson.parseReply(utf8("{\"success\":" + falsy + "}"), MAX)
                            .success())
                    .as(falsy)
                    .isFalse();
        }
        for (String truthy : new String[] {"true", "1", "-1", "0.5", "\"false\"", "\"00\"", "[0]", "{\"a\":0}"}) {
            assertThat(OpenmsgJson.parseReply(utf8("{\"success\":" + truthy + "}"), MAX)
                            .success())
                    .as(truthy)
                    .isTrue();
        }
        assertThatThrownBy(() -> OpenmsgJson.parseReply(utf8("<html>"), MAX)).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> OpenmsgJson.parseReply(utf8("[true]"), MAX)).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> OpenmsgJson.parseReply(new byte[MAX + 1], MAX))
                .isInstanceOf(WireFormatException.class);
    }

    @Test
    void authSuccessNeedsThreeHexCodes() throws Exception {
        PeerReply missing =
                OpenmsgJson.parseReply(utf8("{\"success\":true,\"auth_code\":\"" + "a".repeat(64) + "\"}"), MAX);
        assertThatThrownBy(() -> OpenmsgJson.authSuccess(missing)).isInstanceOf(WireFormatException.class);
        PeerReply shortCode = OpenmsgJson.parseReply(
                utf8("{\"success\":true,\"auth_code\":\"ab\",\"ident_code\":\"" + "a".repeat(64)
                        + "\",\"message_crypt_key\":\"" + "a".repeat(64) + "\"}"),
                MAX);
        assertThatThrownBy(() -> OpenmsgJson.authSuccess(shortCode)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void messageRepliesHaveTheReferenceShape() {
        assertThat(new String(OpenmsgJson.messageReply(ResponseCode.SM_S888, ""), StandardCharsets.UTF_8))
                .isEqualTo("{\"success\":true,\"response_code\":\"SM_S888\"}");
        assertThat(new String(
                        OpenmsgJson.messageReply(ResponseCode.SM_E003, "message unknown"), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":true,\"response_code\":\"SM_E003\",\"error_code\":\"message_unknown\","
                        + "\"error_message\":\"message unknown\"}");
    }

    @Test
    void decodeErrorsNeverEchoTheInput() {
        String secret = "987654";
        assertThatThrownBy(() -> OpenmsgJson.decodeAuthRequest(utf8("{\"pass_code\":" + secret + "}"), MAX))
                .isInstanceOf(WireFormatException.class)
                .hasMessageNotContaining(secret);
        assertThatThrownBy(() -> OpenmsgJson.decodeAuthRequest(utf8("{\"x\":\"" + secret), MAX))
                .isInstanceOf(WireFormatException.class)
                .hasMessageNotContaining(secret);
    }

    @Test
    void allowRepliesAcceptsBooleansAndTheIntegersZeroAndOne() throws Exception {
        String base =
                "{\"receiving_openmsg_address_id\":\"1\",\"pass_code\":\"123456\",\"sending_openmsg_address\":\"2*b.example\","
                        + "\"sending_openmsg_address_name\":\"B\"";
        assertThat(OpenmsgJson.decodeAuthRequest(utf8(base + "}"), MAX).allowReplies())
                .isTrue();
        assertThat(OpenmsgJson.decodeAuthRequest(utf8(base + ",\"sending_allow_replies\":false}"), MAX)
                        .allowReplies())
                .isFalse();
        assertThat(OpenmsgJson.decodeAuthRequest(utf8(base + ",\"sending_allow_replies\":0}"), MAX)
                        .allowReplies())
                .isFalse();
        assertThat(OpenmsgJson.decodeAuthRequest(utf8(base + ",\"sending_allow_replies\":1}"), MAX)
                        .allowReplies())
                .isTrue();
        assertThatThrownBy(() -> OpenmsgJson.decodeAuthRequest(utf8(base + ",\"sending_allow_replies\":\"0\"}"), MAX))
                .isInstanceOf(WireFormatException.class);
    }
}
