package dev.missive.http.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.http.HttpResult;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.PeerUnreachableException;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * Any method, path and body: the handler answers with one of its statuses and a JSON object, never
 * throws, never answers 500, and stores nothing. The first input byte picks method and path; the rest
 * is the body. Seeds: {@code OpenmsgHttpHandlerFuzzTestInputs/handle/}.
 */
class OpenmsgHttpHandlerFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 4096;
    private static final String[] PATHS = {
        "/openmsg/auth/",
        "/openmsg/auth-confirm/",
        "/openmsg/message-receive/",
        "/openmsg/message-confirm/",
        "/openmsg/sandbox/auth/",
        "/openmsg/sandbox/message-receive",
        "/openmsg/",
        "/openmsg/nope/",
        "/",
    };
    private static final Set<Integer> STATUSES = Set.of(200, 404, 405, 413);

    private static final InMemoryOpenmsgStore STORE = new InMemoryOpenmsgStore();
    private static final OpenmsgNode NODE = OpenmsgNode.builder()
            .domain("b.example")
            .store(STORE)
            .transport((uri, body) -> {
                throw new PeerUnreachableException("no network in the fuzz test");
            })
            .clock(Clock.fixed(Instant.parse("2023-11-14T22:13:20Z")))
            .random(RandomSource.secure())
            .build();
    private static final OpenmsgHttpHandler HANDLER = new OpenmsgHttpHandler(NODE, "/openmsg/", MAX_BODY);
    private static final OpenmsgAddress BOB;

    static {
        NODE.addUser("2000000", "Bob");
        BOB = NODE.address("2000000");
    }

    @FuzzTest
    void handle(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        int selector = input[0] & 0xff;
        String method = (selector & 0x80) == 0 ? "POST" : "GET";
        String path = PATHS[(selector & 0x7f) % PATHS.length];
        byte[] body = Arrays.copyOfRange(input, 1, input.length);

        HttpResult result = HANDLER.handle(method, path, new ByteArrayInputStream(body));

        assertThat(STATUSES).contains(result.status());
        JsonNode answer = JSON.readTree(result.body());
        assertThat(answer.isObject()).isTrue();
        assertThat(answer.path("error").asBoolean() || answer.path("success").asBoolean())
                .isTrue();
        assertThat(STORE.inbox(BOB)).isEmpty();
        assertThat(STORE.pendingHandshakes(BOB)).isEmpty();
    }
}
