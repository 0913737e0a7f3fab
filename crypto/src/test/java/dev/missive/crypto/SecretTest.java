package dev.missive.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void neverPrintsItsContent() {
        Secret secret = Secret.ofText("123456");
        assertThat(secret.toString()).doesNotContain("123456").contains("redacted");
        assertThat(String.valueOf(secret)).doesNotContain("123456");
    }

    @Test
    void comparesByContent() {
        Secret secret = Secret.ofText("a1b2c3");
        assertThat(secret).isEqualTo(Secret.ofText("a1b2c3")).hasSameHashCodeAs(Secret.ofText("a1b2c3"));
        assertThat(secret).isNotEqualTo(Secret.ofText("a1b2c4")).isNotEqualTo(Secret.ofText("a1b2c"));
        assertThat(secret.matchesText("a1b2c3")).isTrue();
        assertThat(secret.matchesText("A1B2C3")).isFalse();
        assertThat(secret.matches(Secret.of("a1b2c3".getBytes(StandardCharsets.UTF_8))))
                .isTrue();
    }

    @Test
    void copiesBytesInAndOut() {
        byte[] bytes = {1, 2, 3};
        Secret secret = Secret.of(bytes);
        bytes[0] = 9;
        assertThat(secret.reveal()).containsExactly(1, 2, 3);
        secret.reveal()[1] = 9;
        assertThat(secret.reveal()).containsExactly(1, 2, 3);
        assertThat(secret.length()).isEqualTo(3);
    }

    @Test
    void textRoundTrips() {
        assertThat(Secret.ofText("pässcode").revealText()).isEqualTo("pässcode");
    }
}
