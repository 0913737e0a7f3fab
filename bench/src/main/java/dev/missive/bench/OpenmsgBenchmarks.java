package dev.missive.bench;

import dev.missive.crypto.ConstantTime;
import dev.missive.crypto.Digests;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.SecretBox;
import dev.missive.crypto.SymmetricKey;
import dev.missive.openmsg.OpenmsgAddress;
import dev.missive.openmsg.OpenmsgEndpoint;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.OpenmsgReply;
import dev.missive.openmsg.PassCode;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerTransport;
import dev.missive.openmsg.spi.PeerUnreachableException;
import dev.missive.openmsg.wire.MessageSeal;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * Openmsg's per-message CPU cost next to the raw primitives it is made of, for a 100-character text:
 * {@code rawSeal}/{@code rawOpen} are secretbox + SHA-256 over the same bytes; {@code protocolSeal} /
 * {@code protocolVerifyAndOpen} add the wire encodings (hex, base64url, the hash's text
 * concatenation, constant-time compare); {@code nodeToNodeInProcess} is a whole {@code send} between
 * two in-memory nodes (seal, JSON, receive checks, confirm callback, stores) with no network.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OpenmsgBenchmarks {

    private static final String TEXT = "x".repeat(100);

    private final SecureRandom random = new SecureRandom();
    private final byte[] nonce = new byte[24];
    private final byte[] salt = new byte[16];
    private final byte[] plaintext = TEXT.getBytes(StandardCharsets.UTF_8);
    private String keyHex;
    private String authCode;
    private SymmetricKey key;
    private byte[] rawBox;
    private MessageSeal.Sealed sealed;

    private OpenmsgNode sender;
    private OpenmsgAddress from;
    private OpenmsgAddress to;

    @Setup
    public void setUp() {
        random.nextBytes(nonce);
        random.nextBytes(salt);
        byte[] keyBytes = new byte[32];
        random.nextBytes(keyBytes);
        keyHex = Encodings.hex(keyBytes);
        key = SymmetricKey.of(keyBytes);
        authCode = Encodings.hex(Digests.sha256(keyBytes));
        rawBox = SecretBox.seal(key, nonce, plaintext);
        sealed = MessageSeal.seal(keyHex, authCode, nonce, salt, 1_700_000_000L, TEXT);
    }

    /** Fresh nodes per iteration, so the in-memory stores do not grow across the whole run. */
    @Setup(Level.Iteration)
    public void connectNodes() {
        Map<String, OpenmsgNode> nodes = new ConcurrentHashMap<>();
        PeerTransport inProcess = (uri, body) -> {
            OpenmsgNode node = nodes.get(uri.getHost());
            Optional<OpenmsgEndpoint> endpoint = OpenmsgEndpoint.fromPath(uri.getPath().substring("/openmsg/".length()));
            if (node == null || endpoint.isEmpty()) {
                throw new PeerUnreachableException("no such node");
            }
            OpenmsgReply reply = node.handle(endpoint.get(), body);
            return new PeerResponse(reply.httpStatus(), reply.body());
        };
        RandomSource randomSource = RandomSource.of(random);
        OpenmsgNode a = OpenmsgNode.builder().domain("a.example").store(new InMemoryOpenmsgStore())
                .transport(inProcess).clock(Clock.system()).random(randomSource).build();
        OpenmsgNode b = OpenmsgNode.builder().domain("b.example").store(new InMemoryOpenmsgStore())
                .transport(inProcess).clock(Clock.system()).random(randomSource).build();
        nodes.put("a.example", a);
        nodes.put("b.example", b);
        a.addUser("1", "A");
        b.addUser("2", "B");
        PassCode code = a.issuePassCode("1");
        from = b.address("2");
        to = a.address("1");
        if (!b.connect(from, to, code.code()).isConnected()) {
            throw new IllegalStateException("benchmark handshake failed");
        }
        sender = b;
    }

    @Benchmark
    public byte[] rawSeal() {
        byte[] box = SecretBox.seal(key, nonce, plaintext);
        Digests.sha256(box);
        return box;
    }

    @Benchmark
    public byte[] rawOpen() {
        Digests.sha256(rawBox);
        return SecretBox.open(key, nonce, rawBox);
    }

    @Benchmark
    public MessageSeal.Sealed protocolSeal() {
        return MessageSeal.seal(keyHex, authCode, nonce, salt, 1_700_000_000L, TEXT);
    }

    @Benchmark
    public Optional<String> protocolVerifyAndOpen() throws Exception {
        String hash = MessageSeal.messageHash(sealed.messagePackage(), authCode, sealed.messageSalt(), sealed.timestamp());
        if (!ConstantTime.equals(hash, sealed.messageHash())) {
            throw new IllegalStateException("hash mismatch");
        }
        return MessageSeal.open(keyHex, MessageSeal.decodePackage(sealed.messagePackage()));
    }

    @Benchmark
    public SendResult nodeToNodeInProcess() {
        SendResult result = sender.send(from, to, TEXT);
        if (!result.isSent()) {
            throw new IllegalStateException("benchmark send failed: " + result);
        }
        return result;
    }
}
