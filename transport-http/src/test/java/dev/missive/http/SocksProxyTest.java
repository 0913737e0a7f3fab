package dev.missive.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class SocksProxyTest {

    /** A syntactically valid v3 onion name (56 base32 characters): no resolver anywhere knows it. */
    private static final String ONION = "pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion";

    @Test
    void onionNamesReachTheProxyUnresolvedAndNothingIsLookedUpLocally() throws IOException {
        HttpResult hello = new HttpResult(200, "hello".getBytes(StandardCharsets.UTF_8));
        List<String> okHttpLookups = new CopyOnWriteArrayList<>();
        try (EmbeddedHttpServer target = EmbeddedHttpServer.builder((method, path, body) -> hello)
                        .build()
                        .start();
                Socks5TestProxy proxy = new Socks5TestProxy(target.port())) {
            OkHttpClient client = new SocksProxy("127.0.0.1", proxy.port())
                    .applyTo(new OkHttpClient.Builder())
                    .eventListener(new EventListener() {
                        @Override
                        public void dnsStart(Call call, String domainName) {
                            okHttpLookups.add(domainName);
                        }
                    })
                    .build();

            try (Response response = client.newCall(new Request.Builder()
                            .url("http://" + ONION + ":8080/user/alice")
                            .build())
                    .execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.body().string()).isEqualTo("hello");
            }

            assertThat(proxy.connects()).containsExactly(new Socks5TestProxy.Connect(3, ONION, 8080));
            assertThat(okHttpLookups).isEmpty();
            assertThat(RecordingResolverProvider.lookups()).doesNotContain(ONION);
        }
    }

    @Test
    void ordinaryNamesAreLeftToTheProxyToo() throws IOException {
        try (EmbeddedHttpServer target = EmbeddedHttpServer.builder(
                                (method, path, body) -> new HttpResult(204, new byte[0]))
                        .build()
                        .start();
                Socks5TestProxy proxy = new Socks5TestProxy(target.port())) {
            OkHttpClient client = new SocksProxy("127.0.0.1", proxy.port())
                    .applyTo(new OkHttpClient.Builder())
                    .build();

            try (Response response = client.newCall(new Request.Builder()
                            .url("http://directory.missive-test.invalid/pk")
                            .build())
                    .execute()) {
                assertThat(response.code()).isEqualTo(204);
            }

            assertThat(proxy.connects())
                    .containsExactly(new Socks5TestProxy.Connect(3, "directory.missive-test.invalid", 80));
            assertThat(RecordingResolverProvider.lookups()).doesNotContain("directory.missive-test.invalid");
        }
    }

    @Test
    void theRecordingResolverSeesLocalLookups() throws IOException {
        // The proof above is only worth something if a local lookup would have been recorded.
        assertThatThrownBy(() -> java.net.InetAddress.getByName("not-there.missive-test.invalid"))
                .isInstanceOf(java.net.UnknownHostException.class);
        assertThat(RecordingResolverProvider.lookups()).contains("not-there.missive-test.invalid");
    }

    @Test
    void theClientsResolverRefusesEveryName() {
        OkHttpClient client = new SocksProxy("127.0.0.1", 9050)
                .applyTo(new OkHttpClient.Builder())
                .build();

        assertThatThrownBy(() -> client.dns().lookup("example.org"))
                .isInstanceOf(java.net.UnknownHostException.class)
                .hasMessageContaining("example.org");
        assertThat(client.proxy()).isEqualTo(new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", 9050)));
    }

    @Test
    void parsesHostAndPort() {
        assertThat(SocksProxy.parse("127.0.0.1:9050")).isEqualTo(new SocksProxy("127.0.0.1", 9050));
        assertThat(SocksProxy.parse("[::1]:9150")).isEqualTo(new SocksProxy("::1", 9150));
        assertThat(SocksProxy.parse("[::1]:9150")).hasToString("[::1]:9150");
        for (String bad : List.of("", "9050", "host:", ":9050", "host:0", "host:65536", "host:x", "::1:9050")) {
            assertThatThrownBy(() -> SocksProxy.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
