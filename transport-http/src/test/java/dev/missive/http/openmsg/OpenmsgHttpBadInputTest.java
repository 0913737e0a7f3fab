package dev.missive.http.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.Secret;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.OpenmsgAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the HTTP binding answers to requests that must not reach, or must not change, the node. */
class OpenmsgHttpBadInputTest {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http = new OkHttpClient();
    private LoopbackNodes nodes;
    private InMemoryOpenmsgStore store;
    private OpenmsgNode node;
    private String base;

    @BeforeEach
    void start() throws IOException {
        nodes = LoopbackNodes.plainHttp();
        store = new InMemoryOpenmsgStore();
        LoopbackNodes.Started started = nodes.start("b.example", store);
        node = started.node();
        node.addUser("2000000", "Bob");
        base = started.baseUri().toString();
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    private Response post(String path, RequestBody body) throws IOException {
        return http.newCall(new Request.Builder().url(base + path).post(body).build())
                .execute();
    }

    private Response post(String path, String json) throws IOException {
        return post(path, RequestBody.create(json.getBytes(StandardCharsets.UTF_8), JSON));
    }

    private void assertNothingStored() {
        OpenmsgAddress bob = node.address("2000000");
        assertThat(store.inbox(bob)).isEmpty();
        assertThat(store.connectionByIdentCode(bob, Secret.ofText("ab".repeat(32))))
                .isEmpty();
    }

    @Test
    void anOversizedBodyIs413WithAJsonError() throws IOException {
        String big = "{\"x\":\"" + "a".repeat(OpenmsgHttpHandler.DEFAULT_MAX_BODY_BYTES) + "\"}";
        try (Response response = post("message-receive/", big)) {
            assertThat(response.code()).isEqualTo(413);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.body().string()).contains("\"error\":true");
        }
        assertNothingStored();
    }

    @Test
    void anOversizedChunkedBodyWithoutLengthIs413Too() throws IOException {
        byte[] chunk = new byte[8192];
        RequestBody streamed = new RequestBody() {
            @Override
            public MediaType contentType() {
                return JSON;
            }

            @Override
            public long contentLength() {
                return -1; // chunked: the server learns the size only by reading
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                for (int i = 0; i < 10; i++) {
                    sink.write(chunk);
                }
            }
        };
        try (Response response = post("auth/", streamed)) {
            assertThat(response.code()).isEqualTo(413);
        }
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE"})
    void anotherMethodThanPostIs405(String method) throws IOException {
        RequestBody body = method.equals("GET") ? null : RequestBody.create(new byte[0], JSON);
        Request request =
                new Request.Builder().url(base + "auth/").method(method, body).build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("POST");
            assertThat(response.body().string()).contains("\"error\":true");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope/", "auth/extra/", "sandbox/", "sandbox/sandbox/auth/", "", "../auth/"})
    void anUnknownPathIs404(String path) throws IOException {
        try (Response response = post(path, "{}")) {
            assertThat(response.code()).isEqualTo(404);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
        }
    }

    @Test
    void outsideTheOpenmsgBaseIs404() throws IOException {
        String root = base.substring(0, base.indexOf("/openmsg/"));
        try (Response response = http.newCall(new Request.Builder()
                        .url(root + "/other/auth/")
                        .post(RequestBody.create(new byte[0], JSON))
                        .build())
                .execute()) {
            assertThat(response.code()).isEqualTo(404);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"message-receive/", "message-receive", "sandbox/message-receive/"})
    void garbageJsonGetsTheEnginesCodeAndStoresNothing(String path) throws IOException {
        try (Response response = post(path, "{not json")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.body().string()).contains("\"error\":true").contains("SM_E000");
        }
        assertNothingStored();
    }

    @Test
    void aWrongTypeIsRefusedLikeMissingData() throws IOException {
        String typed = """
                {"receiving_openmsg_address_id":"2000000","ident_code":"%s","message_package":"QUJD",
                 "message_hash":true,"message_salt":"%s","message_timestamp":1700000000}""".formatted("ab".repeat(32), "cd".repeat(16));
        try (Response response = post("message-receive/", typed)) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).contains("\"error\":true").contains("SM_E");
        }
        assertNothingStored();
    }

    @Test
    void garbageAtAuthIsAHandshakeErrorAndBurnsNoPassCode() throws IOException {
        String code = node.issuePassCode("2000000").code().revealText();
        try (Response response = post("auth/", "[1,2,3]")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).contains("\"error\":true").doesNotContain(code);
        }
        // The code still works: a malformed request neither burned it nor counted as a failure.
        assertThat(store.usePassCode("2000000", Secret.ofText(code), java.time.Instant.now(), 5))
                .isEqualTo(dev.missive.openmsg.spi.PassCodeCheck.ACCEPTED);
    }
}
