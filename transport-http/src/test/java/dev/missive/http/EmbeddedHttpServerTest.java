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
    void passesRequestHeadersToAHandlerThatWantsThemAndLetsItSetTheContentType() throws IOException {
        StringBuilder seen = new StringBuilder();
        RequestHandler handler = new RequestHandler() {
            @Override
            public HttpResult handle(String method, String path, java.io.InputStream body) {
                throw new AssertionError("the server must call the variant with headers");
            }

            @Override
            public HttpResult handle(String method, String path, RequestHeaders headers, java.io.InputStream body) {
                seen.append(headers.mediaType().orElse("-"))
                        .append(' ')
                        .append(headers.first("x-session").orElse("-"))
                        .append(' ')
                        .append(headers.first("Absent").orElse("-"));
                return new HttpResult(200, "text".getBytes(StandardCharsets.UTF_8))
                        .withHeader("Content-Type", "text/plain; charset=utf-8");
            }
        };
        try (EmbeddedHttpServer server =
                        EmbeddedHttpServer.builder(handler).build().start();
                Response response = new OkHttpClient()
                        .newCall(new Request.Builder()
                                .url("http://127.0.0.1:" + server.port() + "/h")
                                .header("X-Session", "abc")
                                .post(RequestBody.create("x", okhttp3.MediaType.get("Application/X-Gob; v=1")))
                                .build())
                        .execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(seen).hasToString("application/x-gob abc -");
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
