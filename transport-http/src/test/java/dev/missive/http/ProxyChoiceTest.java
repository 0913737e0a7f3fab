package dev.missive.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxyChoiceTest {

    /** A target that does not resolve: only a proxy can answer for it. */
    private static final URI TARGET = URI.create("http://mesh.invalid:8080/status");

    private HttpServer proxy;
    private final List<String> proxied = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startProxy() throws IOException {
        // A plain-HTTP request through an HTTP proxy carries the absolute URI: the proxy sees it whole.
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        proxy.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        proxy.createContext("/", exchange -> {
            try (exchange) {
                proxied.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                byte[] body = "{\"load\":0}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        proxy.start();
    }

    @AfterEach
    void stopProxy() {
        proxy.stop(0);
    }

    private HttpPeerClient client(ProxyChoice choice) {
        return HttpPeerClient.builder()
                .base(choice.applyTo(new OkHttpClient.Builder()).build())
                .build();
    }

    @Test
    void parsesEveryForm() {
        assertThat(ProxyChoice.parse("system")).isEqualTo(ProxyChoice.SYSTEM);
        assertThat(ProxyChoice.parse("DIRECT")).isEqualTo(ProxyChoice.DIRECT);
        assertThat(ProxyChoice.parse("none")).isEqualTo(ProxyChoice.DIRECT);
        assertThat(ProxyChoice.parse("http://proxy.example:3128"))
                .isEqualTo(new ProxyChoice(ProxyChoice.Kind.HTTP, "proxy.example", 3128));
        assertThat(ProxyChoice.parse("socks5://127.0.0.1:9050"))
                .isEqualTo(new ProxyChoice(ProxyChoice.Kind.SOCKS, "127.0.0.1", 9050));
        assertThat(ProxyChoice.parse("socks://tor:9050").kind()).isEqualTo(ProxyChoice.Kind.SOCKS);
        assertThat(ProxyChoice.parse("socks5://127.0.0.1:9050").toString()).isEqualTo("socks5://127.0.0.1:9050");
    }

    @Test
    void refusesWhatIsNotAProxy() {
        assertThatThrownBy(() -> ProxyChoice.parse("ftp://p:21")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> ProxyChoice.parse("http://p")).hasMessageContaining("port");
        assertThatThrownBy(() -> ProxyChoice.parse("http://user:secret@p:1"))
                .hasMessageContaining("credentials")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ProxyChoice.parse("http://p:1/path")).hasMessageContaining("path");
        assertThatThrownBy(() -> ProxyChoice.parse("not a url")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxyChoice(ProxyChoice.Kind.DIRECT, "h", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExplicitHttpProxyCarriesTheRequest() throws IOException {
        HttpPeerClient client = client(new ProxyChoice(
                ProxyChoice.Kind.HTTP, "127.0.0.1", proxy.getAddress().getPort()));

        HttpPeerClient.Answer answer = client.get(TARGET);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(proxied).containsExactly("GET " + TARGET);
    }

    @Test
    void theSystemChoiceFollowsTheJvmsProxyProperties() throws IOException {
        String host = System.getProperty("http.proxyHost");
        String port = System.getProperty("http.proxyPort");
        try {
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty(
                    "http.proxyPort", Integer.toString(proxy.getAddress().getPort()));

            HttpPeerClient.Answer answer =
                    client(ProxyChoice.SYSTEM).post(TARGET, "{}".getBytes(StandardCharsets.UTF_8));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(proxied).containsExactly("POST " + TARGET);
        } finally {
            restore("http.proxyHost", host);
            restore("http.proxyPort", port);
        }
    }

    @Test
    void directIgnoresTheJvmsProxyProperties() {
        String host = System.getProperty("http.proxyHost");
        String port = System.getProperty("http.proxyPort");
        try {
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty(
                    "http.proxyPort", Integer.toString(proxy.getAddress().getPort()));

            assertThatThrownBy(() -> client(ProxyChoice.DIRECT).get(TARGET)).isInstanceOf(IOException.class);
            assertThat(proxied).isEmpty();
        } finally {
            restore("http.proxyHost", host);
            restore("http.proxyPort", port);
        }
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
