package dev.missive.bench;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.crypto.Ed25519PublicKey;
import dev.missive.emsg.EmsgConfig;
import dev.missive.emsg.EmsgServer;
import dev.missive.emsg.EmsgSession;
import dev.missive.emsg.client.EmsgClient;
import dev.missive.emsg.memory.InMemoryAccountStore;
import dev.missive.emsg.memory.InMemoryGroupStore;
import dev.missive.emsg.memory.InMemoryInboxStore;
import dev.missive.emsg.memory.InMemoryOutboxStore;
import dev.missive.emsg.memory.InMemoryProfileStore;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * EMSG per-message server cost next to its floor. One op of {@link #verifyAndRoute} is a signed
 * one-to-one {@code chat} line fed to an authenticated client session of an {@link EmsgServer} on the
 * in-memory stores: parse, schema validation, RFC 8785 signing input, Ed25519 verification with the
 * sender's stored key, de-duplication, delivery to the local recipient's inbox and the {@code ack}. No
 * socket. {@link #rawEd25519Verify} is the one Bouncy Castle Ed25519 verification of the same signing
 * input that the engine cannot avoid. Each iteration starts a fresh server and feeds a pool of distinct
 * pre-signed messages (a repeated id would be answered {@code 409} and be cheaper).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class EmsgServerCpuBenchmark {

    /** Distinct signed messages per iteration. */
    @Param({"20000"})
    public int pool;

    /** Body size in characters. */
    @Param({"256"})
    public int bodySize;

    private String[] lines;
    private int next;
    private EmsgSession session;
    private Ed25519PublicKey rawKey;
    private byte[] rawInput;
    private byte[] rawSignature;

    @Setup(Level.Iteration)
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom();
        RandomSource source = RandomSource.of(random);
        Ed25519PrivateKey aliceKey = Ed25519PrivateKey.generate(random);
        EmsgSigningKey signing = EmsgSigningKey.ed25519("k1", aliceKey);
        EmsgServer server = EmsgServer.builder()
                .domain("a.test")
                .domainKey(EmsgSigningKey.ed25519("d1", Ed25519PrivateKey.generate(random)))
                .accountStore(new InMemoryAccountStore())
                .groupStore(new InMemoryGroupStore())
                .profileStore(new InMemoryProfileStore())
                .inboxStore(new InMemoryInboxStore())
                .outboxStore(new InMemoryOutboxStore())
                .replayGuardStore(new InMemoryReplayGuardStore())
                .clock(Clock.system())
                .random(source)
                .config(EmsgConfig.DEFAULTS.withRateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE))
                .build();
        EmsgAddress alice = EmsgAddress.parse("alice#a.test");
        EmsgAddress bob = EmsgAddress.parse("bob#a.test");
        server.addAccount(alice, signing.publicKey());
        server.addAccount(
                bob,
                EmsgSigningKey.ed25519("k1", Ed25519PrivateKey.generate(random)).publicKey());
        EmsgClient client = new EmsgClient(alice, signing, Clock.system(), source);
        session = server.openSession();
        client.onAuthReply(
                session.onLine(client.onHello(session.onLine(client.hello()).line()))
                        .line());
        String body = "x".repeat(bodySize);
        lines = new String[pool];
        for (int i = 0; i < pool; i++) {
            lines[i] = client.chat(bob, body).line();
        }
        next = 0;
        // The floor: one verification of a signing input of the same size.
        rawKey = aliceKey.publicKey();
        rawInput = lines[0].getBytes(StandardCharsets.UTF_8);
        rawSignature = aliceKey.sign(rawInput);
    }

    /** One message through the engine: verify and route. */
    @Benchmark
    public String verifyAndRoute() {
        String line = lines[next];
        next = next + 1 == lines.length ? 0 : next + 1;
        return session.onLine(line).line();
    }

    /** One raw Bouncy Castle Ed25519 verification of a message-sized input. */
    @Benchmark
    public boolean rawEd25519Verify() {
        return rawKey.verify(rawInput, rawSignature);
    }
}
