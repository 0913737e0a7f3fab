package dev.missive.http.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.http.HttpResult;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.MeshConfig;
import dev.missive.mesh.MeshServer;
import dev.missive.mesh.MeshTestKeys;
import dev.missive.mesh.memory.InMemoryPacketStore;
import dev.missive.mesh.memory.InMemoryPeerStore;
import dev.missive.mesh.memory.InMemoryTombstoneStore;
import dev.missive.mesh.model.MeshProfile;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * Any method, path and body on the mesh endpoints (every profile enabled, so the J1 and D0 readers
 * run too): the handler answers with one of its statuses and a JSON object, never throws, never
 * answers 500, and stores no packet (no input can match a recomputed SHA-256). The first input byte
 * picks method and path; the rest is the body. Seeds: {@code MeshHttpHandlerFuzzTestInputs/handle/}.
 */
class MeshHttpHandlerFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PATHS = {
        "/send",
        "/fetch",
        "/fetch/by_recipient",
        "/fetch/by_hash",
        "/discard",
        "/sync/hashes",
        "/sync/push",
        "/sync/servers",
        "/servers",
        "/status",
        "/version",
        "/peers",
        "/send/",
        "/",
        "/nope",
    };
    private static final Set<Integer> STATUSES = Set.of(200, 400, 401, 403, 404, 405, 409, 410, 413);
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private static final InMemoryPacketStore PACKETS = new InMemoryPacketStore();
    private static final MeshServer SERVER = MeshServer.builder()
            .origin("http://127.0.0.1:8080")
            .serverKey(MeshTestKeys.key("server-a"))
            .packetStore(PACKETS)
            .tombstoneStore(new InMemoryTombstoneStore())
            .peerStore(new InMemoryPeerStore())
            .replayGuard(new InMemoryReplayGuardStore())
            .clock(Clock.fixed(NOW))
            .random(RandomSource.secure())
            .config(MeshConfig.DEFAULTS.withProfile(MeshProfile.J1).withProfile(MeshProfile.D0))
            .build();
    private static final MeshHttpHandler HANDLER = new MeshHttpHandler(SERVER);

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
        assertThat(PACKETS.countLive(NOW)).isZero();
    }
}
