package dev.missive.tcp.emsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.emsg.EmsgConfig;
import dev.missive.tcp.ConnectionSettings;
import dev.missive.tcp.LineClient;
import java.io.EOFException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ESMP framing on a real socket: an oversize line, a major-version mismatch, an idle connection. */
class LineLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TcpNetwork network = new TcpNetwork();

    @AfterEach
    void stop() throws Exception {
        network.close();
    }

    private TcpNetwork.Node server(ConnectionSettings settings) throws Exception {
        return network.start(
                "a.test",
                domain -> {
                    throw new java.io.IOException("no peers in this test");
                },
                EmsgConfig.DEFAULTS.withRegistrationOpen(true).withMaxLineLength(EmsgConfig.MIN_LINE_LENGTH),
                settings);
    }

    @Test
    void anOversizeLineIsAnsweredWith413ThenTheConnectionCloses() throws Exception {
        TcpNetwork.Node a = server(ConnectionSettings.DEFAULTS);
        try (LineClient raw = LineClient.connect(a.address(), null, LineClient.Options.DEFAULTS)) {
            raw.send("{\"type\":\"hello\",\"version\":\"0.2.0\",\"pad\":\"" + "x".repeat(EmsgConfig.MIN_LINE_LENGTH)
                    + "\"}");

            JsonNode error = JSON.readTree(raw.readLine());
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asInt()).isEqualTo(413);
            assertThatThrownBy(raw::readLine).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aLineJustWithinTheLimitIsRead() throws Exception {
        TcpNetwork.Node a = server(ConnectionSettings.DEFAULTS);
        try (LineClient raw = LineClient.connect(a.address(), null, LineClient.Options.DEFAULTS)) {
            String prefix = "{\"type\":\"hello\",\"version\":\"0.2.0\",\"role\":\"client\",\"pad\":\"";
            String line = prefix + "x".repeat(EmsgConfig.MIN_LINE_LENGTH - prefix.length() - 2) + "\"}";
            assertThat(line).hasSize(EmsgConfig.MIN_LINE_LENGTH);

            JsonNode hello = JSON.readTree(raw.exchange(line));
            assertThat(hello.path("type").asText()).isEqualTo("hello");
            assertThat(hello.path("challenge").asText()).isNotEmpty();
        }
    }

    @Test
    void aDifferentMajorVersionIsRefusedWith505AndClosed() throws Exception {
        TcpNetwork.Node a = server(ConnectionSettings.DEFAULTS);
        try (LineClient raw = LineClient.connect(a.address(), null, LineClient.Options.DEFAULTS)) {
            JsonNode error = JSON.readTree(raw.exchange(
                    JSON.writeValueAsString(Map.of("type", "hello", "version", "1.0.0", "role", "client"))));

            assertThat(error.path("code").asInt()).isEqualTo(505);
            assertThatThrownBy(raw::readLine).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        TcpNetwork.Node a = server(ConnectionSettings.DEFAULTS.withIdleTimeout(Duration.ofMillis(300)));
        try (LineClient raw = LineClient.connect(
                a.address(), null, LineClient.Options.DEFAULTS.withReadTimeout(Duration.ofSeconds(20)))) {
            assertThatThrownBy(raw::readLine).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aConnectionThatNeverSaysHelloIsClosedAfterTheHandshakeTimeout() throws Exception {
        TcpNetwork.Node a = server(ConnectionSettings.DEFAULTS.withHandshakeTimeout(Duration.ofMillis(300)));
        try (LineClient raw = LineClient.connect(
                a.address(), null, LineClient.Options.DEFAULTS.withReadTimeout(Duration.ofSeconds(20)))) {
            // A line before hello is answered (400) but does not end the handshake; the idle timeout is an hour.
            JsonNode error = JSON.readTree(raw.exchange("{\"type\":\"inbox\"}"));
            assertThat(error.path("code").asInt()).isEqualTo(400);
            assertThatThrownBy(raw::readLine).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void anAnsweredHelloEndsTheHandshake() throws Exception {
        TcpNetwork.Node a = server(ConnectionSettings.DEFAULTS.withHandshakeTimeout(Duration.ofMillis(300)));
        try (LineClient raw = LineClient.connect(
                a.address(), null, LineClient.Options.DEFAULTS.withReadTimeout(Duration.ofSeconds(20)))) {
            JsonNode hello = JSON.readTree(raw.exchange(
                    JSON.writeValueAsString(Map.of("type", "hello", "version", "0.2.0", "role", "client"))));
            assertThat(hello.path("type").asText()).isEqualTo("hello");
            // Well past the handshake deadline, the session still answers (401: not authenticated).
            await().pollDelay(Duration.ofMillis(900))
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> a.tcp.connectionCount() == 1);
            JsonNode refused = JSON.readTree(raw.exchange("{\"type\":\"inbox\"}"));
            assertThat(refused.path("code").asInt()).isEqualTo(401);
        }
    }
}
