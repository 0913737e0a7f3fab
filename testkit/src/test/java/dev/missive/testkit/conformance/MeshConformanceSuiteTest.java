package dev.missive.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.RsaKeyPair;
import dev.missive.http.EmbeddedHttpServer;
import dev.missive.http.HttpResult;
import dev.missive.http.RequestHandler;
import dev.missive.http.mesh.MeshHttpHandler;
import dev.missive.http.mesh.MeshHttpServer;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.MeshConfig;
import dev.missive.mesh.MeshEndpoint;
import dev.missive.mesh.MeshServer;
import dev.missive.mesh.memory.InMemoryPacketStore;
import dev.missive.mesh.memory.InMemoryPeerStore;
import dev.missive.mesh.memory.InMemoryTombstoneStore;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.spi.Tombstone;
import dev.missive.mesh.spi.TombstoneStore;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.spi.ReplayGuardStore;
import dev.missive.testkit.conformance.mesh.MeshConformanceSuite;
import dev.missive.testkit.conformance.mesh.MeshTarget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mesh suite against Missive's own {@link MeshHttpServer} on memory stores (every check passes)
 * and against deliberately broken servers, one bug each: the matching check fails and its reason
 * names the problem. The three RSA-4096 keys are generated once for the class.
 */
class MeshConformanceSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RsaKeyPair serverKey;
    private static RsaKeyPair recipient;
    private static RsaKeyPair other;

    @BeforeAll
    static void keys() {
        serverKey = MeshConformanceSuite.generate();
        recipient = MeshConformanceSuite.generate();
        other = MeshConformanceSuite.generate();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static MeshServer.Builder engine(int port) {
        return MeshServer.builder()
                .origin("http://127.0.0.1:" + port)
                .serverKey(serverKey.privateKey())
                .packetStore(new InMemoryPacketStore())
                .tombstoneStore(new InMemoryTombstoneStore())
                .peerStore(new InMemoryPeerStore())
                .replayGuard(new InMemoryReplayGuardStore())
                .clock(Clock.system())
                .random(RandomSource.secure())
                .config(MeshConfig.DEFAULTS);
    }

    private static ConformanceReport run(URI base) {
        try (MeshConformanceSuite suite = new MeshConformanceSuite(MeshTarget.of(base), recipient, other)) {
            return ConformanceRunner.run(suite, ProgressListener.NONE);
        }
    }

    /** The suite against {@code engine} served by its handler wrapped in {@code breakIt}. */
    private static ConformanceReport runBroken(
            UnaryOperator<MeshServer.Builder> configure, UnaryOperator<RequestHandler> breakIt) throws IOException {
        int port = freePort();
        MeshServer server = configure.apply(engine(port)).build();
        MeshHttpHandler handler = new MeshHttpHandler(server);
        try (EmbeddedHttpServer http = EmbeddedHttpServer.builder(breakIt.apply(handler))
                .port(port)
                .maxBodyBytes(handler.maxBodyBytes())
                .build()
                .start()) {
            return run(URI.create("http://127.0.0.1:" + http.port()));
        }
    }

    private static void assertOnlyFailure(ConformanceReport report, String checkId, String reason) {
        CheckResult result = report.result(checkId);
        assertThat(result.status()).as(result.reason()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.reason()).contains(reason);
        assertThat(report.results())
                .filteredOn(r -> !r.check().id().equals(checkId))
                .allSatisfy(r -> assertThat(r.status())
                        .as(r.check().id() + ": " + r.reason())
                        .isEqualTo(CheckStatus.PASS));
    }

    @Test
    void missivesOwnServerPassesEveryCheck() throws IOException {
        int port = freePort();
        try (MeshHttpServer http =
                MeshHttpServer.builder(engine(port).build()).port(port).start()) {
            ConformanceReport report = run(URI.create("http://127.0.0.1:" + port + "/"));
            assertThat(report.results())
                    .allSatisfy(r -> assertThat(r.status())
                            .as(r.check().id() + ": " + r.reason())
                            .isEqualTo(CheckStatus.PASS));
            assertThat(report.passed()).isTrue();
            assertThat(report.results())
                    .allSatisfy(r -> assertThat(r.check().reference()).contains("docs/mesh.md"));
        }
    }

    @Test
    void aServerThatForgetsNoncesFailsTheReplayCheck() throws IOException {
        ReplayGuardStore forgetful = new ReplayGuardStore() {
            @Override
            public boolean recordIfAbsent(String scope, String key, Instant expiresAt, Instant now) {
                return true;
            }

            @Override
            public boolean isRecorded(String scope, String key, Instant now) {
                return false;
            }

            @Override
            public int purgeExpired(Instant now) {
                return 0;
            }
        };
        ConformanceReport report = runBroken(b -> b.replayGuard(forgetful), h -> h);
        assertOnlyFailure(report, "mesh.fetch.replayed-nonce", "the nonce is not single-use");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void aServerWithoutTombstonesLetsADiscardedPacketComeBack() throws IOException {
        TombstoneStore none = new TombstoneStore() {
            @Override
            public boolean add(Tombstone tombstone, Instant now) {
                return true;
            }

            @Override
            public Set<PacketHash> present(Collection<PacketHash> hashes, Instant now) {
                return Set.of();
            }

            @Override
            public List<Tombstone> find(Collection<PacketHash> hashes, Instant now) {
                return List.of();
            }

            @Override
            public int purgeExpired(Instant now) {
                return 0;
            }
        };
        ConformanceReport report = runBroken(b -> b.tombstoneStore(none), h -> h);
        assertOnlyFailure(report, "mesh.discard.no-resurrection", "it came back");
    }

    @Test
    void aServerAnswering404ForAWrongMethodFailsTheMethodCheck() throws IOException {
        ConformanceReport report = runBroken(b -> b, handler -> (method, path, body) -> {
            HttpResult result = handler.handle(method, path, body);
            return result.status() == 405 ? HttpResult.error(404, "not found") : result;
        });
        assertOnlyFailure(report, "mesh.http.wrong-method", "expected HTTP 405");
    }

    @Test
    void aServerThatStoresUnverifiedPushesFailsOnlyAHardeningCheck() throws IOException {
        int port = freePort();
        MeshServer server = engine(port).build();
        MeshHttpHandler handler = new MeshHttpHandler(server);
        // /sync/push without authentication: every pushed packet goes through /send.
        RequestHandler broken = (method, path, body) -> {
            byte[] bytes = readAll(body);
            JsonNode packets = read(new ByteArrayInputStream(bytes)).get("packets");
            if (!path.equals("/sync/push") || packets == null || !packets.isArray()) {
                return handler.handle(method, path, new ByteArrayInputStream(bytes));
            }
            ArrayNode accepted = JSON.createArrayNode();
            for (JsonNode packet : packets) {
                if (server.handle(MeshEndpoint.SEND, packet.toString().getBytes(StandardCharsets.UTF_8))
                                .httpStatus()
                        == 200) {
                    accepted.add(packet.path("hash").asText());
                }
            }
            return json(200, JSON.createObjectNode().set("accepted", accepted));
        };
        try (EmbeddedHttpServer http = EmbeddedHttpServer.builder(broken)
                .port(port)
                .maxBodyBytes(handler.maxBodyBytes())
                .build()
                .start()) {
            ConformanceReport report = run(URI.create("http://127.0.0.1:" + http.port()));
            assertOnlyFailure(report, "mesh.sync.push-bad-signature", "does not verify its caller");
            assertThat(report.passed())
                    .as("a hardening failure keeps the exit code")
                    .isTrue();
        }
    }

    /**
     * The public J1 server's behaviour (docs/mesh.md, "The public server's known bugs") behind the
     * J2 paths: packets kept under the client's hash (a later send replaces and re-addresses), fetches
     * and discards that check no signature.
     */
    @Test
    void aServerThatTrustsTheClientFailsTheHashReplayAndDiscardChecks() throws IOException {
        int port = freePort();
        Map<String, ObjectNode> byHash = new ConcurrentHashMap<>();
        String version = "{\"profiles\":[\"j2\"],\"origin\":\"http://127.0.0.1:" + port + "\",\"key\":\""
                + MeshCrypto.encodeKey(serverKey.publicKey()) + "\"}";
        RequestHandler trusting = (method, path, body) -> {
            JsonNode request = method.equals("POST") ? read(body) : JSON.createObjectNode();
            return switch (method + " " + path) {
                case "GET /version" -> new HttpResult(200, version.getBytes(StandardCharsets.UTF_8));
                case "GET /status" ->
                    json(200, JSON.createObjectNode().put("load", 1).put("packets", byHash.size()));
                case "POST /send" -> {
                    if (!request.path("hash").isTextual()) {
                        yield json(400, JSON.createObjectNode().put("error", "malformed"));
                    }
                    byHash.put(request.path("hash").asText(), (ObjectNode) request);
                    yield json(
                            200,
                            JSON.createObjectNode()
                                    .put("hash", request.path("hash").asText()));
                }
                case "POST /fetch/by_recipient" ->
                    messages(byHash.values().stream()
                            .filter(p -> p.path("recipient").equals(request.path("recipient")))
                            .toList());
                case "POST /fetch/by_hash" -> {
                    List<String> wanted = hashes(request);
                    yield messages(byHash.values().stream()
                            .filter(p -> wanted.contains(p.path("hash").asText()))
                            .toList());
                }
                case "POST /discard" -> {
                    int removed = 0;
                    for (String hash : hashes(request)) {
                        removed += byHash.remove(hash) == null ? 0 : 1;
                    }
                    yield json(200, JSON.createObjectNode().put("discarded", removed));
                }
                default -> HttpResult.error(404, "not found");
            };
        };
        try (EmbeddedHttpServer http =
                EmbeddedHttpServer.builder(trusting).port(port).build().start()) {
            ConformanceReport report = run(URI.create("http://127.0.0.1:" + http.port()));
            assertThat(report.result("mesh.send.accept").status()).isEqualTo(CheckStatus.PASS);
            assertThat(report.result("mesh.fetch.by-recipient").status()).isEqualTo(CheckStatus.PASS);
            Map<String, String> expected = Map.of(
                    "mesh.send.hash-mismatch", "the client's hash was trusted",
                    "mesh.send.no-replace", "replaced the first packet",
                    "mesh.fetch.replayed-nonce", "the nonce is not single-use",
                    "mesh.fetch.wrong-audience", "was accepted",
                    "mesh.fetch.bad-signature", "signed by another key was answered with the recipient's",
                    "mesh.discard.other-signer", "erased the recipient's packet");
            expected.forEach((id, reason) -> {
                CheckResult result = report.result(id);
                assertThat(result.status()).as(id).isEqualTo(CheckStatus.FAIL);
                assertThat(result.reason()).as(id).contains(reason);
            });
            assertThat(report.passed()).isFalse();
        }
    }

    @Test
    void anUnreachableTargetFailsTheFirstCheckAndSkipsThoseThatNeedIt() throws IOException {
        ConformanceReport report = run(URI.create("http://127.0.0.1:" + freePort()));
        assertThat(report.result("mesh.version.shape").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.result("mesh.version.shape").reason()).contains("gave no HTTP answer");
        assertThat(report.result("mesh.fetch.replayed-nonce").status()).isEqualTo(CheckStatus.SKIP);
        assertThat(report.passed()).isFalse();
    }

    private static JsonNode read(InputStream body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static byte[] readAll(InputStream body) {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static List<String> hashes(JsonNode request) {
        return java.util.stream.StreamSupport.stream(request.path("hashes").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    private static HttpResult messages(List<ObjectNode> packets) {
        ObjectNode reply = JSON.createObjectNode();
        reply.putArray("messages").addAll(packets);
        reply.put("more", false);
        return json(200, reply);
    }

    private static HttpResult json(int status, JsonNode body) {
        return new HttpResult(status, body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
