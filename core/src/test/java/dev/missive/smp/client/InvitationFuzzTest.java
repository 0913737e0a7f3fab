package dev.missive.smp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any text given to {@link Invitation#parse} either is refused with an
 * {@link IllegalArgumentException} or yields an invitation that survives a round trip through its
 * URI form. Regression mode (the normal build) replays the committed inputs under
 * {@code InvitationFuzzTestInputs}; {@code JAZZER_FUZZ=1} explores.
 */
class InvitationFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parseRefusesOrRoundTrips(byte[] input) {
        String uri = new String(input, StandardCharsets.UTF_8);
        Invitation invitation;
        try {
            invitation = Invitation.parse(uri);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(Invitation.parse(invitation.toUri())).isEqualTo(invitation);
        assertThat(invitation.toUri()).startsWith(Invitation.SCHEME + "://");
    }
}
