package dev.missive.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.openmsg.spi.OutboundMessage;
import dev.missive.openmsg.spi.OutboundStatus;
import java.io.IOException;

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

    private static void fuzz(OpenmsgEndpoint endpoint, byte[] body) throws IOException {
        TwoNodes net = new TwoNodes();
        net.connectBobToAlice();
        net.a.issuePassCode("1000000");
        Snapshot before = Snapshot.of(net);

        OpenmsgReply reply = net.a.handle(endpoint, body);

        assertThat(reply.httpStatus()).isEqualTo(200);
        JsonNode json = JSON.readTree(reply.body());
        assertThat(json.isObject()).isTrue();
        if (json.path("error").asBoolean(false)) {
            assertThat(Snapshot.of(net)).as("an error stores nothing").isEqualTo(before);
        } else {
            assertThat(json.path("success").asBoolean(false)).isTrue();
        }
    }

    /** What the fuzzed node has stored that a request could change. */
    private record Snapshot(Object connection, int inbox, java.util.List<OutboundStatus> outbound, int pending) {
        static Snapshot of(TwoNodes net) {
            return new Snapshot(net.storeA.connection(net.alice, net.bob).orElseThrow(),
                    net.storeA.inbox(net.alice).size(),
                    net.storeA.outbound(net.alice).stream().map(OutboundMessage::status).toList(),
                    net.storeA.pendingHandshakes(net.bob).size());
        }
    }
}
