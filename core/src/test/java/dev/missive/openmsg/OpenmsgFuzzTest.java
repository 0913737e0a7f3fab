package dev.missive.openmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.openmsg.model.HandshakeError;
import dev.missive.openmsg.spi.OutboundMessage;
import dev.missive.openmsg.spi.OutboundStatus;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jazzer targets, one per JSON handler: whatever the body, {@link OpenmsgNode#handle} returns a JSON
 * object reply with status 200, never throws, and when it answers with an error nothing was stored.
 * Seeds live in {@code src/test/resources/dev/missive/openmsg/OpenmsgFuzzTestInputs/<method>/}; the
 * normal build replays them (regression mode), {@code JAZZER_FUZZ=1} fuzzes.
 */
class OpenmsgFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest
    void auth(byte[] body) throws IOException {
        fuzz(OpenmsgEndpoint.AUTH, body);
    }

    @FuzzTest
    void authConfirm(byte[] body) throws IOException {
        fuzz(OpenmsgEndpoint.AUTH_CONFIRM, body);
    }

    @FuzzTest
    void messageReceive(byte[] body) throws IOException {
        fuzz(OpenmsgEndpoint.MESSAGE_RECEIVE, body);
    }

    @FuzzTest
    void messageConfirm(byte[] body) throws IOException {
        fuzz(OpenmsgEndpoint.MESSAGE_CONFIRM, body);
    }

    /**
     * The fixture is deterministic (seeded randomness, fixed clock), so committed seeds can carry the
     * real ident code and pass code and reach the deep checks: Bob is connected to Alice and Alice
     * holds an unused pass code. {@code auth/} and {@code message-confirm/} go to Alice's node,
     * {@code auth-confirm/} and {@code message-receive/} to Bob's.
     */
    static TwoNodes fixture() {
        TwoNodes net = new TwoNodes();
        net.connectBobToAlice();
        net.a.issuePassCode("1000000");
        return net;
    }

    /** Keeps the fixture seeds honest: they must get past every local check to the callbacks. */
    @Test
    void fixtureSeedsReachTheCallbacks() throws IOException {
        TwoNodes net = fixture();
        JsonNode message = JSON.readTree(net.b
                .handle(OpenmsgEndpoint.MESSAGE_RECEIVE, seed("messageReceive/fixture_connection"))
                .body());
        assertThat(message.get("response_code").textValue())
                .as("hash, window and key all passed")
                .isEqualTo("SM_E003");
        JsonNode auth = JSON.readTree(net.a
                .handle(OpenmsgEndpoint.AUTH, seed("auth/fixture_pass_code"))
                .body());
        assertThat(auth.get("error_message").textValue()).isEqualTo(HandshakeError.CONFIRMATION_FAILED.wireMessage());
    }

    /**
     * Random mutations of the committed seeds in every normal build (Jazzer's regression mode only
     * replays the seeds): byte flips, truncations and insertions, through the same checks.
     */
    @Test
    void mutatedSeedsKeepTheInvariants() throws IOException {
        String[][] seeds = {
            {"AUTH", "auth/fixture_pass_code"},
            {"AUTH_CONFIRM", "authConfirm/legacy"},
            {"MESSAGE_RECEIVE", "messageReceive/fixture_connection"},
            {"MESSAGE_CONFIRM", "messageConfirm/reference_shape"}
        };
        for (String[] entry : seeds) {
            OpenmsgEndpoint endpoint = OpenmsgEndpoint.valueOf(entry[0]);
            byte[] seed = seed(entry[1]);
            qt().withExamples(150)
                    .forAll(
                            integers().between(0, seed.length - 1),
                            integers().between(0, 255),
                            integers().between(0, 2))
                    .checkAssert((position, value, kind) -> {
                        byte[] mutated = switch (kind) {
                            case 0 -> {
                                byte[] copy = seed.clone();
                                copy[position] = (byte) (int) value;
                                yield copy;
                            }
                            case 1 -> Arrays.copyOf(seed, position);
                            default -> {
                                byte[] copy = new byte[seed.length + 1];
                                System.arraycopy(seed, 0, copy, 0, position);
                                copy[position] = (byte) (int) value;
                                System.arraycopy(seed, position, copy, position + 1, seed.length - position);
                                yield copy;
                            }
                        };
                        try {
                            fuzz(endpoint, mutated);
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    });
        }
    }

    private static byte[] seed(String name) throws IOException {
        try (var in = OpenmsgFuzzTest.class.getResourceAsStream("OpenmsgFuzzTestInputs/" + name)) {
            return in.readAllBytes();
        }
    }

    private static void fuzz(OpenmsgEndpoint endpoint, byte[] body) throws IOException {
        TwoNodes net = fixture();
        Snapshot before = Snapshot.of(net);

        OpenmsgNode target = switch (endpoint) {
            case AUTH, MESSAGE_CONFIRM -> net.a;
            case AUTH_CONFIRM, MESSAGE_RECEIVE -> net.b;
        };
        OpenmsgReply reply = target.handle(endpoint, body);

        assertThat(reply.httpStatus()).isEqualTo(200);
        JsonNode json = JSON.readTree(reply.body());
        assertThat(json.isObject()).isTrue();
        if (json.path("error").asBoolean(false)) {
            assertThat(Snapshot.of(net)).as("an error stores nothing").isEqualTo(before);
        } else {
            assertThat(json.path("success").asBoolean(false)).isTrue();
        }
    }

    /** What either node has stored that a request could change. */
    private record Snapshot(
            Object connectionOnA,
            Object connectionOnB,
            int inboxA,
            int inboxB,
            List<OutboundStatus> outboundA,
            List<OutboundStatus> outboundB,
            int pendingOnB) {
        static Snapshot of(TwoNodes net) {
            return new Snapshot(
                    net.storeA.connection(net.alice, net.bob).orElseThrow(),
                    net.storeB.connection(net.bob, net.alice).orElseThrow(),
                    net.storeA.inbox(net.alice).size(),
                    net.storeB.inbox(net.bob).size(),
                    net.storeA.outbound(net.alice).stream()
                            .map(OutboundMessage::status)
                            .toList(),
                    net.storeB.outbound(net.bob).stream()
                            .map(OutboundMessage::status)
                            .toList(),
                    net.storeB.pendingHandshakes(net.alice).size());
        }
    }
}
