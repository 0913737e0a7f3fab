package dev.missive.bench.mesh;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.crypto.Digests;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaOaep;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPss;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.MeshEndpoint;
import dev.missive.mesh.MeshReply;
import dev.missive.mesh.MeshServer;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.memory.InMemoryPacketStore;
import dev.missive.mesh.memory.InMemoryPeerStore;
import dev.missive.mesh.memory.InMemoryTombstoneStore;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MessageType;
import dev.missive.mesh.wire.Envelope;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.mesh.wire.MeshJson;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Mesh engine CPU next to its floors, RSA-4096 keys, in-memory stores, no sockets
 * ({@code docs/BENCHMARKS.md}, "Mesh"):
 *
 * <ul>
 *   <li>{@link #serverAcceptSend}: one {@code POST /send} body through {@link MeshServer#handle}
 *       (strict JSON, key parse, both envelopes, hash recompute, freshness, tombstone check, insert),
 *       then the packet is deleted from the store so the next op is accepted again;
 *   <li>{@link #rawHashAndParse}: the floor of that: Jackson parsing of the same body and SHA-256
 *       over the packet's hash input;
 *   <li>{@link #clientOpenVerify}: {@link MeshClient#open} of one packet (hash, two RSA-OAEP
 *       unwraps, two AES-GCM opens, JSON, RSA-PSS verify; de-duplication comes after all of it);
 *   <li>{@link #rawUnwrapVerify}: its floor: the two RSA-OAEP unwraps and the RSA-PSS verify alone.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class MeshEngineBenchmarks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MeshServer server;
    private InMemoryPacketStore packets;
    private MeshClient bob;
    private MeshPacket packet;
    private byte[] sendBody;
    private RsaPrivateKey bobKey;
    private RsaPrivateKey aliceKey;
    private byte[] wrappedMessageKey;
    private byte[] wrappedSignatureKey;
    private byte[] signatureInput;
    private byte[] signature;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SecureRandom secure = new SecureRandom();
        RandomSource random = RandomSource.of(secure);
        aliceKey = RsaPrivateKey.generate(4096, secure).privateKey();
        bobKey = RsaPrivateKey.generate(4096, secure).privateKey();
        packets = new InMemoryPacketStore();
        server = MeshServer.builder()
                .origin("http://127.0.0.1:7001")
                .serverKey(RsaPrivateKey.generate(4096, secure).privateKey())
                .packetStore(packets)
                .tombstoneStore(new InMemoryTombstoneStore())
                .peerStore(new InMemoryPeerStore())
                .replayGuard(new InMemoryReplayGuardStore())
                .clock(Clock.system())
                .random(random)
                .build();
        MeshClient alice = MeshClient.builder()
                .key(aliceKey)
                .clock(Clock.system())
                .random(random)
                .seenStore(new InMemoryReplayGuardStore())
                .build();
        bob = MeshClient.builder()
                .key(bobKey)
                .clock(Clock.system())
                .random(random)
                .seenStore(new InMemoryReplayGuardStore())
                .build();
        packet = alice.seal(
                        bob.publicKey(), MessageType.MESSAGE, alice.newChannelId(), "Hello, this is a test message!")
                .packet();
        sendBody = MeshJson.encodePacket(packet);
        byte[] messageEnvelope = Encodings.fromBase64(packet.message());
        wrappedMessageKey = Envelope.decode(messageEnvelope).wrappedKey();
        wrappedSignatureKey =
                Envelope.decode(Encodings.fromBase64(packet.signature())).wrappedKey();
        signatureInput = MeshCrypto.signatureInput(bobKey.publicKey().spki(), messageEnvelope);
        signature = RsaPss.sign(aliceKey, signatureInput);
        if (bob.open(packet).isEmpty()) {
            throw new IllegalStateException("the benchmark packet must open");
        }
    }

    @Benchmark
    public int serverAcceptSend() {
        MeshReply reply = server.handle(MeshEndpoint.SEND, sendBody);
        if (reply.httpStatus() != 200 || !packets.delete(packet.hash())) {
            throw new IllegalStateException("not accepted: " + reply.bodyText());
        }
        return reply.httpStatus();
    }

    @Benchmark
    public byte[] rawHashAndParse() throws IOException {
        var tree = JSON.readTree(sendBody);
        String recipient = tree.get("recipient").textValue();
        String message = tree.get("message").textValue();
        String sig = tree.get("signature").textValue();
        byte[] r = recipient.getBytes(StandardCharsets.UTF_8);
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        byte[] s = sig.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[r.length + m.length + s.length];
        System.arraycopy(r, 0, input, 0, r.length);
        System.arraycopy(m, 0, input, r.length, m.length);
        System.arraycopy(s, 0, input, r.length + m.length, s.length);
        return Digests.sha256(input);
    }

    @Benchmark
    public boolean clientOpenVerify() {
        // the second and later opens are duplicates, which are detected only after the full check
        bob.open(packet);
        return true;
    }

    @Benchmark
    public boolean rawUnwrapVerify() {
        RsaOaep.decrypt(bobKey, wrappedMessageKey);
        RsaOaep.decrypt(bobKey, wrappedSignatureKey);
        return RsaPss.verify(aliceKey.publicKey(), signatureInput, signature);
    }
}
