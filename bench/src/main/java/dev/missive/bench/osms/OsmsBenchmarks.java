package dev.missive.bench.osms;

import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.crypto.otr.OtrConversation;
import dev.missive.crypto.otr.OtrEngineException;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.crypto.otr.OtrReceived;
import dev.missive.osms.OsmsConfig;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.client.OsmsClient;
import dev.missive.osms.client.PollResult;
import dev.missive.osms.client.SendResult;
import dev.missive.osms.memory.InMemoryPinStore;
import dev.missive.osms.memory.InMemoryQueueStore;
import dev.missive.osms.memory.InMemorySessionStore;
import dev.missive.osms.memory.InMemoryUserStore;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.Username;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
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
 * OSMS costs through one in-process server on memory stores (no HTTP), next to otr4j's own AKE.
 *
 * <ul>
 *   <li>{@code rawAke}: two otr4j conversations (through the thin {@code Otr4jEngine} adapter) run the
 *       four-message AKE and end the session: the cryptographic floor of a login.</li>
 *   <li>{@code login}: a whole OSMS login and logout: {@code GET /pk}, three
 *       {@code POST /create_session/{u}} (server and client OTR, key comparison, session store),
 *       then TLV 1 to {@code POST /terminate_session}.</li>
 *   <li>{@code relay}: one text from Alice to Bob through the server: Alice encrypts it in the
 *       user-to-user conversation and sends it in a {@code send} operation (itself an OTR data
 *       message on her login session), Bob polls (an OTR data message each way) and decrypts it.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OsmsBenchmarks {

    private static final Username ALICE = Username.of("alice");
    private static final Username BOB = Username.of("bob");

    private OtrKeyPair serverKey;
    private OtrKeyPair aliceKey;
    private OtrKeyPair bobKey;
    private OsmsServer server;
    private OsmsClient alice;
    private OsmsClient bob;
    private final Otr4jEngine otr = new Otr4jEngine();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom();
        serverKey = OtrKeyPair.generate(random);
        aliceKey = OtrKeyPair.generate(random);
        bobKey = OtrKeyPair.generate(random);
        server = OsmsServer.builder()
                .clock(Clock.system())
                .random(RandomSource.secure())
                .userStore(new InMemoryUserStore())
                .sessionStore(new InMemorySessionStore())
                .queueStore(new InMemoryQueueStore())
                .otr(otr)
                .serverKey(serverKey)
                .config(OsmsConfig.DEFAULTS)
                .build();
        server.registerUser(ALICE, OtrPublicKey.of(aliceKey.publicKey()));
        server.registerUser(BOB, OtrPublicKey.of(bobKey.publicKey()));
        alice = client(aliceKey);
        bob = client(bobKey);
        alice.login(ALICE);
        bob.login(BOB);
        alice.authorize(BOB);
        bob.authorize(ALICE);
        if (alice.send(BOB, "hello") != SendResult.PENDING) {
            throw new IllegalStateException("expected an AKE first");
        }
        for (int i = 0; i < 6 && alice.hasPending(); i++) {
            bob.poll();
            alice.poll();
        }
        if (bob.poll().texts().isEmpty() && alice.hasPending()) {
            throw new IllegalStateException("the user-to-user AKE did not complete");
        }
    }

    private OsmsClient client(OtrKeyPair key) {
        return OsmsClient.builder()
                .transport(server::handle)
                .clock(Clock.system())
                .otr(otr)
                .key(key)
                .pinStore(new InMemoryPinStore())
                .server("bench")
                .build();
    }

    @Benchmark
    public int rawAke() throws OtrEngineException {
        OtrConversation client = otr.open("client", "server", aliceKey);
        OtrConversation serverSide = otr.open("server", "client", serverKey);
        OtrReceived commit = serverSide.receive(client.start());
        OtrReceived dhKey = client.receive(commit.replies().get(0));
        OtrReceived reveal = serverSide.receive(dhKey.replies().get(0));
        OtrReceived signature = client.receive(reveal.replies().get(0));
        serverSide.receive(signature.replies().get(0));
        serverSide.receive(client.end().get(0));
        return serverSide.version();
    }

    @Benchmark
    public boolean login() throws Exception {
        OsmsClient user = client(aliceKey);
        user.login(ALICE);
        user.logout();
        return user.isLoggedIn();
    }

    @Benchmark
    public int relay() throws Exception {
        alice.send(BOB, "benchmark message");
        PollResult received = bob.poll();
        if (received.texts().size() != 1) {
            throw new IllegalStateException(
                    "expected one text, got " + received.texts().size());
        }
        return received.processed();
    }
}
