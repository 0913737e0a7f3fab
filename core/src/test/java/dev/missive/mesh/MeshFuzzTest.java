package dev.missive.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.wire.Envelope;
import dev.missive.mesh.wire.MeshJson;
import dev.missive.mesh.wire.MeshWireException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Jazzer targets, one per endpoint body and one for the envelope decoder: whatever the bytes, the
 * server answers a JSON object with a protocol status (never 500, never an exception), and when it
 * refuses, nothing was stored. Seeds live in {@code MeshFuzzTestInputs/<method>/} (made against
 * {@link MeshFuzzFixture}); the normal build replays them, {@code JAZZER_FUZZ=1} fuzzes.
 */
class MeshFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> PROTOCOL_STATUSES = Set.of(200, 400, 401, 403, 404, 409, 410, 413);

    @FuzzTest
    void send(byte[] body) throws IOException {
        fuzz(MeshEndpoint.SEND, body);
    }

    @FuzzTest
    void fetch(byte[] body) throws IOException {
        fuzz(MeshEndpoint.FETCH, body);
    }

    @FuzzTest
    void fetchByRecipient(byte[] body) throws IOException {
        fuzz(MeshEndpoint.FETCH_BY_RECIPIENT, body);
    }

    @FuzzTest
    void fetchByHash(byte[] body) throws IOException {
        fuzz(MeshEndpoint.FETCH_BY_HASH, body);
    }

    @FuzzTest
    void discard(byte[] body) throws IOException {
        fuzz(MeshEndpoint.DISCARD, body);
    }

    @FuzzTest
    void syncHashes(byte[] body) throws IOException {
        fuzz(MeshEndpoint.SYNC_HASHES, body);
    }

    @FuzzTest
    void syncPush(byte[] body) throws IOException {
        fuzz(MeshEndpoint.SYNC_PUSH, body);
    }

    @FuzzTest
    void syncServers(byte[] body) throws IOException {
        fuzz(MeshEndpoint.SYNC_SERVERS, body);
    }

    @FuzzTest
    void envelope(byte[] bytes) {
        try {
            Envelope envelope = Envelope.decode(bytes);
            assertThat(envelope.encode()).isEqualTo(bytes);
        } catch (MeshWireException e) {
            assertThat(e.error()).isNotNull();
        }
    }

    /** Keeps the seeds honest: the valid ones pass every check of the fixture. */
    @Test
    void validSeedsAreAccepted() throws IOException {
        for (String name : List.of(
                "send/valid",
                "fetch/j1",
                "fetch/d0",
                "fetchByRecipient/valid",
                "fetchByHash/valid",
                "discard/valid",
                "syncHashes/valid",
                "syncPush/valid",
                "syncServers/valid")) {
            MeshNet.Node node = MeshFuzzFixture.server();
            MeshReply reply = node.server().handle(endpointOf(name), seed(name));
            assertThat(reply.httpStatus()).as(name + ": " + reply.bodyText()).isEqualTo(200);
        }
        MeshNet.Node node = MeshFuzzFixture.server();
        node.server().handle(MeshEndpoint.SYNC_PUSH, seed("syncPush/valid"));
        assertThat(node.packets().countLive(MeshNet.START)).isEqualTo(1);
    }

    /** Random mutations of the committed seeds in every normal build, through the same checks. */
    @Test
    void mutatedSeedsKeepTheInvariants() throws IOException {
        for (String name : List.of("send/valid", "discard/valid", "syncHashes/valid", "syncPush/valid")) {
            byte[] seed = seed(name);
            MeshEndpoint endpoint = endpointOf(name);
            qt().withExamples(25)
                    .forAll(
                            integers().between(0, seed.length - 1),
                            integers().between(0, 255),
                            integers().between(0, 2))
                    .checkAssert((position, value, kind) -> {
                        byte[] mutated = switch (kind) {
                            case 0 -> {
                                byte[] copy = seed.clone();
                                copy[position] = (byte) (int) value;
                                yield copy;
                            }
                            case 1 -> Arrays.copyOf(seed, position);
                            default -> {
                                byte[] copy = new byte[seed.length + 1];
                                System.arraycopy(seed, 0, copy, 0, position);
                                copy[position] = (byte) (int) value;
                                System.arraycopy(seed, position, copy, position + 1, seed.length - position);
                                yield copy;
                            }
                        };
                        try {
                            fuzz(endpoint, mutated);
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    });
        }
    }

    private static MeshEndpoint endpointOf(String seedName) {
        return switch (seedName.substring(0, seedName.indexOf('/'))) {
            case "send" -> MeshEndpoint.SEND;
            case "fetch" -> MeshEndpoint.FETCH;
            case "fetchByRecipient" -> MeshEndpoint.FETCH_BY_RECIPIENT;
            case "fetchByHash" -> MeshEndpoint.FETCH_BY_HASH;
            case "discard" -> MeshEndpoint.DISCARD;
            case "syncHashes" -> MeshEndpoint.SYNC_HASHES;
            case "syncPush" -> MeshEndpoint.SYNC_PUSH;
            default -> MeshEndpoint.SYNC_SERVERS;
        };
    }

    private static byte[] seed(String name) throws IOException {
        try (var in = MeshFuzzTest.class.getResourceAsStream("MeshFuzzTestInputs/" + name)) {
            return in.readAllBytes();
        }
    }

    private static void fuzz(MeshEndpoint endpoint, byte[] body) throws IOException {
        MeshNet.Node node = MeshFuzzFixture.server();
        // the fixture holds the send seed's packet, so discard and fetch have something to get wrong
        MeshPacket held;
        try {
            held = MeshJson.decodePacket(seed("send/valid"), 1 << 20);
        } catch (MeshWireException e) {
            throw new AssertionError(e);
        }
        assertThat(node.server().handle(MeshEndpoint.SEND, seed("send/valid")).httpStatus())
                .isEqualTo(200);
        long packetsBefore = node.packets().countLive(MeshNet.START);
        MeshReply reply = node.server().handle(endpoint, body);
        assertThat(PROTOCOL_STATUSES).contains(reply.httpStatus());
        JsonNode json = JSON.readTree(reply.body());
        assertThat(json.isObject()).isTrue();
        if (reply.httpStatus() != 200) {
            assertThat(json.get("error").isTextual()).isTrue();
            assertThat(node.packets().countLive(MeshNet.START)).isEqualTo(packetsBefore);
            assertThat(node.tombstones().present(List.of(held.hash()), MeshNet.START))
                    .isEmpty();
        }
    }
}
