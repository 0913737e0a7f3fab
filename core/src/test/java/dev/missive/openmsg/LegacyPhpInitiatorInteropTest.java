package dev.missive.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.crypto.Secret;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.wire.AuthConfirmRequest;
import dev.missive.openmsg.wire.MessageSeal;
import dev.missive.openmsg.wire.OpenmsgJson;
import dev.missive.openmsg.wire.PeerReply;
import dev.missive.testing.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Our node as the acceptor of a handshake started by a PHP reference initiator older than 29 Oct 2025
 * (setup/initiate-handshake.php at c791968 with auth-confirm/ at 96eef91). Because the HEAD initiator
 * dies on its missing {@code $} (digest 11.1), this is what working PHP initiators run. Their
 * {@code auth-confirm/} looks the pending handshake up by the raw {@code pass_code} and ignores
 * {@code passcode_hash}. The bytes below were captured between the real reference (PHP 8.2, MariaDB)
 * and our node on loopback.
 */
class LegacyPhpInitiatorInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the legacy initiator posted to our {@code auth/} (pass code replaced by the one we issue). */
    private static final String AUTH_BODY = "{\"receiving_openmsg_address_id\":\"1001\",\"pass_code\":\"%s\","
            + "\"sending_openmsg_address\":\"1000001*legacy.openmsg.test\",\"sending_openmsg_address_name\":"
            + "\"John Doe\",\"sending_allow_replies\":true,\"openmsg_version\":1}";

    @Test
    void legacyPhpInitiatorConfirmsOurCallbackAndGetsTheCodes() {
        ManualClock clock = new ManualClock(TwoNodes.START);
        InProcessNetwork network = new InProcessNetwork();
        InMemoryOpenmsgStore store = new InMemoryOpenmsgStore();
        Random random = new Random(7);
        OpenmsgNode node = OpenmsgNode.builder()
                .domain("java.openmsg.test")
                .store(store)
                .transport(network)
                .clock(clock)
                .random(random::nextBytes)
                .build();
        network.register(node);
        node.addUser("1001", "Bob");
        String code = node.issuePassCode("1001").code().revealText();
        // auth-confirm/index.php at 96eef91: SELECT ... WHERE other_openmsg_address = ? AND pass_code = ?
        network.script("legacy.openmsg.test", OpenmsgEndpoint.AUTH_CONFIRM, body -> {
            JsonNode in = read(body);
            String address = in.path("receiving_openmsg_address").asText("");
            String passCode = in.path("pass_code").asText("");
            String json = address.equals("1001*java.openmsg.test") && passCode.equals(code)
                    ? "{\"success\":true}"
                    : "{\"error\":true,\"error_message\":\"unknown pending authorization with " + address + ", "
                            + passCode + "\"}";
            return new PeerResponse(200, ("\r\n\r\n" + json + "\r\n").getBytes(StandardCharsets.UTF_8));
        });

        OpenmsgReply reply =
                node.handle(OpenmsgEndpoint.AUTH, AUTH_BODY.formatted(code).getBytes(StandardCharsets.UTF_8));

        PeerReply answer = parse(reply.body());
        assertThat(answer.errorMessage()).isEmpty();
        assertThat(answer.succeeded()).isTrue();
        assertThat(store.connection(
                        OpenmsgAddress.parse("1001*java.openmsg.test"),
                        OpenmsgAddress.parse("1000001*legacy.openmsg.test")))
                .isPresent();
        // The current form stays first and complete for HEAD initiators, which ignore pass_code.
        String passcodeHash = MessageSeal.passcodeHash(
                        Secret.ofText(code),
                        OpenmsgAddress.parse("1000001*legacy.openmsg.test"),
                        OpenmsgAddress.parse("1001*java.openmsg.test"))
                .revealText();
        assertThat(network.exchanges())
                .first()
                .satisfies(callback -> assertThat(new String(callback.request(), StandardCharsets.UTF_8))
                        .isEqualTo("{\"receiving_openmsg_address\":\"1001*java.openmsg.test\",\"passcode_hash\":\""
                                + passcodeHash + "\",\"pass_code\":\"" + code + "\"}"));
    }

    @Test
    void initiatorReadingBothFormsUsesTheHash() throws Exception {
        String both = "{\"receiving_openmsg_address\":\"2*b.example\",\"passcode_hash\":\"" + "AB".repeat(32)
                + "\",\"pass_code\":\"123456\"}";
        assertThat(OpenmsgJson.decodeAuthConfirmRequest(both.getBytes(StandardCharsets.UTF_8), 4096))
                .isEqualTo(new AuthConfirmRequest(
                        "2*b.example", Optional.of(Secret.ofText("ab".repeat(32))), Optional.empty()));
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PeerReply parse(byte[] body) {
        try {
            return OpenmsgJson.parseReply(body, 4096);
        } catch (dev.missive.openmsg.wire.WireFormatException e) {
            throw new AssertionError(e);
        }
    }
}
