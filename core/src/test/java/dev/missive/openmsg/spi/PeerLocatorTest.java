package dev.missive.openmsg.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.openmsg.OpenmsgEndpoint;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerLocatorTest {

    @Test
    void defaultIsHttpsOpenmsgOnTheDomain() {
        URI base = PeerLocator.https().baseUri("b.example");
        assertThat(base).isEqualTo(URI.create("https://b.example/openmsg/"));
        assertThat(base.resolve(OpenmsgEndpoint.MESSAGE_CONFIRM.path()))
                .isEqualTo(URI.create("https://b.example/openmsg/message-confirm/"));
        assertThat(base.resolve("sandbox/" + OpenmsgEndpoint.AUTH.path()))
                .isEqualTo(URI.create("https://b.example/openmsg/sandbox/auth/"));
    }

    @Test
    void overridesWinCaseInsensitivelyAndGetATrailingSlash() {
        PeerLocator locator = PeerLocator.withOverrides(
                Map.of("B.example", URI.create("http://127.0.0.1:8081/openmsg")), PeerLocator.https());
        assertThat(locator.baseUri("b.example")).isEqualTo(URI.create("http://127.0.0.1:8081/openmsg/"));
        assertThat(locator.baseUri("b.example").resolve(OpenmsgEndpoint.AUTH.path()))
                .isEqualTo(URI.create("http://127.0.0.1:8081/openmsg/auth/"));
        assertThat(locator.baseUri("c.example")).isEqualTo(URI.create("https://c.example/openmsg/"));
    }
}
