package dev.missive.http.openmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.missive.event.FailureKind;
import dev.missive.http.HttpPeerClient;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerUnreachableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OkHttpPeerTransportTest {

    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/openmsg/auth/", exchange -> {
            try (exchange) {
                byte[] body = "\r\n\r\n{\"error\":true,\"error_message\":\"pass code not valid\"}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.createContext("/openmsg/message-receive/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Location", "https://elsewhere.example/openmsg/message-receive/");
                exchange.sendResponseHeaders(301, -1);
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/openmsg/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void handsBackTheReferenceStyleAnswerUntouched() throws PeerUnreachableException {
        PeerResponse response =
                OkHttpPeerTransport.create().post(base.resolve("auth/"), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("\r\n\r\n{\"error\":true,\"error_message\":\"pass code not valid\"}");
    }

    @Test
    void aRedirectMakesThePeerUnreachable() {
        assertThatThrownBy(() -> OkHttpPeerTransport.create().post(base.resolve("message-receive/"), new byte[0]))
                .isInstanceOfSatisfying(PeerUnreachableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(FailureKind.REDIRECT);
                    assertThat(e.requestMaybeDelivered()).isTrue();
                })
                .hasMessageContaining("redirect");
    }

    @Test
    void aClosedPortMakesThePeerUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/openmsg/auth/");

        assertThatThrownBy(() -> OkHttpPeerTransport.create().post(nowhere, new byte[0]))
                .isInstanceOfSatisfying(PeerUnreachableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(FailureKind.REFUSED);
                    assertThat(e.requestMaybeDelivered()).isFalse();
                });
    }

    @Test
    void anOversizedAnswerMakesThePeerUnreachable() {
        OkHttpPeerTransport transport = new OkHttpPeerTransport(
                HttpPeerClient.builder().maxResponseBytes(8).build());

        assertThatThrownBy(() -> transport.post(base.resolve("auth/"), new byte[0]))
                .isInstanceOfSatisfying(
                        PeerUnreachableException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureKind.TOO_LARGE));
    }
}
