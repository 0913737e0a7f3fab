package dev.missive.bench.osms;

import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.crypto.otr.OtrConversation;
import dev.missive.crypto.otr.OtrEngineException;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.crypto.otr.OtrReceived;
import dev.missive.crypto.otr.OtrStatus;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.osms.JdbcQueueStore;
import dev.missive.jdbc.osms.JdbcSessionStore;
import dev.missive.jdbc.osms.JdbcUserStore;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One OSMS server called in process (no HTTP) with Alice and Bob logged in, mutually authorized and
 * in an encrypted OTR conversation: what {@link OsmsBenchmarks} and {@link OsmsCpuCost} measure. The
 * server runs on memory stores or on one {@link Database} (SQLite or PostgreSQL).
 */
final class OsmsWorld {

    static final Username ALICE = Username.of("alice");
    static final Username BOB = Username.of("bob");

    final Otr4jEngine otr = new Otr4jEngine();
    final OtrKeyPair serverKey;
    final OtrKeyPair aliceKey;
    final OtrKeyPair bobKey;
    final OsmsServer server;
    final OsmsClient alice;
    final OsmsClient bob;

    /**
     * Builds the world.
     *
     * @param database the server's store, or empty for memory stores
     * @throws Exception if a login or the user-to-user AKE fails
     */
    OsmsWorld(Optional<Database> database) throws Exception {
        SecureRandom random = new SecureRandom();
        serverKey = OtrKeyPair.generate(random);
        aliceKey = OtrKeyPair.generate(random);
        bobKey = OtrKeyPair.generate(random);
        OsmsServer.Builder builder = OsmsServer.builder()
                .clock(Clock.system())
                .random(RandomSource.secure())
                .otr(otr)
                .serverKey(serverKey)
                .config(OsmsConfig.DEFAULTS.withQueueQuota(1_000_000));
        if (database.isPresent()) {
            Database db = database.get();
            builder.userStore(new JdbcUserStore(db))
                    .sessionStore(new JdbcSessionStore(db))
                    .queueStore(new JdbcQueueStore(db));
        } else {
            builder.userStore(new InMemoryUserStore())
                    .sessionStore(new InMemorySessionStore())
                    .queueStore(new InMemoryQueueStore());
        }
        server = builder.build();
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
        bob.poll();
        if (alice.hasPending()) {
            throw new IllegalStateException("the user-to-user AKE did not complete");
        }
    }

    /** A client of this world's server with {@code key}. */
    OsmsClient client(OtrKeyPair key) {
        return OsmsClient.builder()
                .transport(server::handle)
                .clock(Clock.system())
                .otr(otr)
                .key(key)
                .pinStore(new InMemoryPinStore())
                .server("bench")
                .build();
    }

    /**
     * One whole OSMS login and logout of Alice: {@code GET /pk}, three {@code POST
     * /create_session/alice}, TLV 1 to {@code POST /terminate_session} (client and server engines).
     *
     * @return false (logged out), for the benchmark to consume
     * @throws Exception if the login fails
     */
    boolean login() throws Exception {
        OsmsClient user = client(aliceKey);
        user.login(ALICE);
        user.logout();
        return user.isLoggedIn();
    }

    /**
     * One text from Alice to Bob: her {@code send} operation, his {@code poll} (which acknowledges
     * the previous poll's item) and the decryption.
     *
     * @return the items Bob's poll processed (1)
     * @throws Exception if the text does not arrive
     */
    int relay() throws Exception {
        alice.send(BOB, "a relayed text of moderate length");
        PollResult received = bob.poll();
        if (received.texts().size() != 1) {
            throw new IllegalStateException(
                    "expected one text, got " + received.texts().size());
        }
        return received.processed();
    }

    /**
     * otr4j's own AKE between two fresh in-memory conversations (through the thin {@link Otr4jEngine}
     * adapter, both sides on the calling thread, no store): the cryptographic floor of a login.
     *
     * @param otr    the engine
     * @param client the key of the side that sends the query
     * @param server the key of the side that answers it (the AKE initiator)
     * @return the negotiated OTR version
     * @throws OtrEngineException if otr4j fails
     */
    static int rawAke(Otr4jEngine otr, OtrKeyPair client, OtrKeyPair server) throws OtrEngineException {
        OtrConversation clientSide = otr.open("client", "server", client);
        OtrConversation serverSide = otr.open("server", "client", server);
        List<String> toServer = List.of(clientSide.start());
        for (int step = 0; step < 4 && clientSide.status() != OtrStatus.ENCRYPTED; step++) {
            List<String> toClient = new ArrayList<>();
            for (String message : toServer) {
                toClient.addAll(serverSide.receive(message).replies());
            }
            toServer = new ArrayList<>();
            for (String message : toClient) {
                OtrReceived received = clientSide.receive(message);
                toServer.addAll(received.replies());
            }
        }
        for (String message : toServer) {
            serverSide.receive(message);
        }
        if (clientSide.status() != OtrStatus.ENCRYPTED || serverSide.status() != OtrStatus.ENCRYPTED) {
            throw new IllegalStateException("raw AKE did not complete");
        }
        for (String message : clientSide.end()) {
            serverSide.receive(message);
        }
        return serverSide.version();
    }
}
