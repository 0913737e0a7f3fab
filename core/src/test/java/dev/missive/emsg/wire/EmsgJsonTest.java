package dev.missive.emsg.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import org.junit.jupiter.api.Test;

/** Each way a line fails to be one I-JSON object gets 400 with a message that says which. */
class EmsgJsonTest {

    private static void refused(String line, String message) {
        assertThatThrownBy(() -> EmsgJson.parseObject(line))
                .isInstanceOfSatisfying(
                        EmsgException.class, e -> assertThat(e.error()).isEqualTo(EmsgError.BAD_REQUEST))
                .hasMessageContaining(message)
                .hasMessageNotContaining("secret");
    }

    @Test
    void saysWhatIsWrongWithoutQuotingTheInput() {
        refused("{\"secret\":1,\"secret\":2}", "a member appears twice in one object");
        refused("{\"secret\":" + "[".repeat(16) + "]".repeat(16) + "}", "nested deeper than 16 levels");
        refused("{\"secret\":123456789012345678901}", "a number longer than 20 digits");
        refused("{\"secret\":", "not valid JSON");
        refused("{} {\"secret\":1}", "not valid JSON");
        refused("[\"secret\"]", "not a JSON object");
    }
}
