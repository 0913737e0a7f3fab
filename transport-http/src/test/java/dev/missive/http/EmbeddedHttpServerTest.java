package dev.missive.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class EmbeddedHttpServerTest {

    private static final byte[] OK = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    @Test
    void passesMethodPathAndBodyAndAnswersJson() throws IOException {
        StringBuilder seen = new StringBuilder();
        RequestHandler handler = (method, path, body) -> {
            try {
                seen.append(method)
                        .append(' ')
                        .append(path)
                        .append(' ')
                        .append(new String(BoundedBodies.readAll(body, 100), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new HttpResult(201, OK).withHeader("X-Test", "yes");
        };
        try (EmbeddedHttpServer server =
                        EmbeddedHttpServer.builder(handler).build().start();
                Response response = post(server, "/a/b/?q=1", "hello")) {
            assertThat(response.code()).isEqualTo(201);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.header("X-Test")).isEqualTo("yes");
            assertThat(response.body().bytes()).isEqualTo(OK);
            assertThat(seen).hasToString("POST /a/b/ hello");
        }
    }

    @Test
    void refusesADeclaredOversizeBodyWithoutCallingTheHandler() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        RequestHandler handler = (method, path, body) -> {
            calls.incrementAndGet();
            return new HttpResult(200, OK);
        };
        try (EmbeddedHttpServer server = EmbeddedHttpServer.builder(handler)
                        .maxBodyBytes(10)
                        .build()
                        .start();
                Response response = post(server, "/x", "01234567890")) {
            assertThat(response.code()).isEqualTo(413);
            assertThat(response.body().string()).contains("\"error\":true");
            assertThat(calls).hasValue(0);
        }
    }

    @Test
    void aFailingHandlerBecomesA500WithoutDetails() throws IOException {
        RequestHandler handler = (method, path, body) -> {
            throw new IllegalStateException("secret detail");
        };
        try (EmbeddedHttpServer server =
                        EmbeddedHttpServer.builder(handler).build().start();
                Response response = post(server, "/x", "{}")) {
            assertThat(response.code()).isEqualTo(500);
            assertThat(response.body().string()).doesNotContain("secret");
        }
    }

    @Test
    void servesNestedCallsBackIntoItself() throws IOException {
        // The shape of every Openmsg call: the handler calls a peer that calls back before answering.
        OkHttpClient client = new OkHttpClient();
        int[] port = new int[1];
        RequestHandler handler = (method, path, body) -> {
            if (path.equals("/inner")) {
                return new HttpResult(200, OK);
            }
            Request inner = new Request.Builder()
                    .url("http://127.0.0.1:" + port[0] + "/inner")
                    .post(RequestBody.create(new byte[0]))
                    .build();
            try (Response response = client.newCall(inner).execute()) {
                return new HttpResult(response.code(), response.body().bytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        try (EmbeddedHttpServer server =
                EmbeddedHttpServer.builder(handler).build().start()) {
            port[0] = server.port();
            try (Response response = post(server, "/outer", "{}")) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.body().bytes()).isEqualTo(OK);
            }
        }
    }

    private static Response post(EmbeddedHttpServer server, String path, String body) throws IOException {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
        Request request = new Request.Builder()
                .url(uri.toString())
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8)))
                .build();
        return new OkHttpClient().newCall(request).execute();
    }
}
