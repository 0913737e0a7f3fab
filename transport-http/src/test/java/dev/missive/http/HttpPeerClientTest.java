package dev.missive.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpPeerClientTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(String path, ExchangeAction action) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        return mount(path, action);
    }

    private URI mount(String path, ExchangeAction action) {
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(path, exchange -> {
            try (exchange) {
                action.run(exchange);
            }
        });
        server.start();
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void postsJsonAndReturnsTheBodyVerbatimWhateverTheContentType() throws IOException {
        AtomicReference<String> received = new AtomicReference<>();
        AtomicReference<String> contentType = new AtomicReference<>();
        byte[] phpStyle = "\r\n\r\n{\"success\":true}".getBytes(StandardCharsets.UTF_8);
        URI uri = serve("/openmsg/auth/", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            answer(exchange, 200, "text/html; charset=UTF-8", phpStyle);
        });

        HttpPeerClient.Answer answer = HttpPeerClient.create().post(uri, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(phpStyle);
        assertThat(received.get()).isEqualTo("{\"a\":1}");
        assertThat(contentType.get()).startsWith("application/json");
    }

    @Test
    void returnsErrorStatusesToTheCaller() throws IOException {
        URI uri = serve("/x/", exchange -> answer(exchange, 500, "text/html", "boom".getBytes(StandardCharsets.UTF_8)));

        HttpPeerClient.Answer answer = HttpPeerClient.create().post(uri, new byte[0]);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("boom");
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() throws IOException {
        AtomicInteger targetHits = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/target/", exchange -> {
            targetHits.incrementAndGet();
            try (exchange) {
                answer(exchange, 200, "application/json", "{\"success\":true}".getBytes(StandardCharsets.UTF_8));
            }
        });
        URI uri = mount("/moved/", exchange -> {
            exchange.getResponseHeaders().set("Location", "/target/");
            exchange.sendResponseHeaders(307, -1);
        });

        assertThatThrownBy(() -> HttpPeerClient.create().post(uri, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("redirect");
        assertThat(targetHits).hasValue(0);
    }

    @Test
    void refusesAResponseLargerThanTheCapWithOrWithoutContentLength() throws IOException {
        byte[] big = new byte[2048];
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/chunked/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, 0); // 0 = chunked, no declared length
                exchange.getResponseBody().write(big);
            }
        });
        URI sized = mount("/sized/", exchange -> answer(exchange, 200, "application/json", big));
        URI chunked = sized.resolve("/chunked/");
        HttpPeerClient client = HttpPeerClient.builder().maxResponseBytes(1024).build();

        assertThatThrownBy(() -> client.post(sized, new byte[0])).isInstanceOf(BodyTooLargeException.class);
        assertThatThrownBy(() -> client.post(chunked, new byte[0])).isInstanceOf(BodyTooLargeException.class);
        assertThat(HttpPeerClient.builder()
                        .maxResponseBytes(2048)
                        .build()
                        .post(chunked, new byte[0])
                        .body())
                .hasSize(2048);
    }

    @Test
    void aSilentPeerTimesOut() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        URI uri = serve("/slow/", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        HttpPeerClient client =
                HttpPeerClient.builder().readTimeout(Duration.ofMillis(200)).build();
        try {
            assertThatThrownBy(() -> client.post(uri, new byte[0])).isInstanceOf(IOException.class);
        } finally {
            release.countDown();
        }
    }

    @Test
    void httpsUsesTheConfiguredTrustAndRejectsUnknownCertificates() throws IOException {
        TestTls tls = TestTls.create();
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.server().sslContext()));
        server = https;
        URI uri = mount(
                "/tls/", exchange -> answer(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8)));

        HttpPeerClient trusting = HttpPeerClient.builder()
                .trust(tls.client().sslSocketFactory(), tls.client().trustManager())
                .build();
        assertThat(trusting.post(uri, new byte[0]).status()).isEqualTo(200);

        assertThatThrownBy(() -> HttpPeerClient.create().post(uri, new byte[0]))
                .isInstanceOf(RequestNotSentException.class)
                .hasCauseInstanceOf(SSLException.class);
    }

    @FunctionalInterface
    private interface ExchangeAction {
        void run(HttpExchange exchange) throws IOException;
    }
}
