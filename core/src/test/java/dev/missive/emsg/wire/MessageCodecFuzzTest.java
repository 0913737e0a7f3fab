package dev.missive.emsg.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgMessage;
import java.nio.charset.StandardCharsets;

/**
 * Any line given to the message parser (chat and system) is either refused with an
 * {@link EmsgException} or yields a message that keeps the line unchanged. Regression mode replays
 * {@code MessageCodecFuzzTestInputs}; {@code JAZZER_FUZZ=1} explores.
 */
class MessageCodecFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decodeRefusesOrKeepsTheLine(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        EmsgMessage message;
        try {
            message = MessageCodec.decode(line, 4096);
        } catch (EmsgException refused) {
            assertThat(refused.error()).isNotNull();
            return;
        }
        assertThat(message.json()).isEqualTo(line);
        assertThat(message.id()).hasSize(36);
    }
}
