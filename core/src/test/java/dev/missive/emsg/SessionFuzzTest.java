package dev.missive.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.wire.EmsgJson;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary lines fed to a server session (fresh, and authenticated as a client) never escape it: each
 * gets exactly one reply line that is a JSON object. Regression mode replays
 * {@code SessionFuzzTestInputs}.
 */
class SessionFuzzTest {

    private static final TestNetwork NET = new TestNetwork();
    private static final TestNetwork.Node NODE = NET.add("a.test");
    private static final TestNetwork.User ALICE = user();

    private static TestNetwork.User user() {
        try {
            return NODE.user("alice");
        } catch (EmsgException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void linesAlwaysGetOneJsonReply(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        EmsgSession fresh = NODE.server.openSession();
        for (String line : text.split("\n", 8)) {
            assertThat(EmsgJson.parseObject(fresh.onLine(line).line()).has("type"))
                    .isTrue();
            assertThat(EmsgJson.parseObject(ALICE.session.onLine(line).line()).has("type"))
                    .isTrue();
        }
    }
}
