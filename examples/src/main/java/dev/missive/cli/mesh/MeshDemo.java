package dev.missive.cli.mesh;

import dev.missive.cli.DemoContext;
import dev.missive.cli.DemoScenario;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.http.ProxyChoice;
import dev.missive.http.mesh.MeshHttpServer;
import dev.missive.http.mesh.OkHttpMeshClient;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.jdbc.mesh.JdbcMeshPacketStore;
import dev.missive.jdbc.mesh.JdbcMeshPeerStore;
import dev.missive.jdbc.mesh.JdbcMeshTombstoneStore;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.MeshConfig;
import dev.missive.mesh.MeshException;
import dev.missive.mesh.MeshServer;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.client.MeshKeys;
import dev.missive.mesh.client.ReceivedMessage;
import dev.missive.mesh.client.SealedMessage;
import dev.missive.mesh.model.MessageType;
import dev.missive.mesh.model.PacketHash;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The mesh relay in {@code missive demo}: three servers on loopback over HTTP, on SQLite stores, in a
 * line A — B — C; a message sent through A is fetched from C after sync, then discarded there and
 * does not come back after further syncs. Sync rounds run on request here, so the transcript shows
 * each one; a server run by {@code mesh-server} runs them every {@code --sync-interval}. The keys
 * are fixed demo keys (generating five RSA-4096 keys would take most of the demo's time).
 */
public final class MeshDemo implements DemoScenario {

    private static final String KEYS = "demo-keys/";

    /** Creates the scenario. */
    public MeshDemo() {}

    @Override
    public String name() {
        return "mesh";
    }

    @Override
    public String title() {
        return "Mesh relay (Jasper J2): three servers on loopback HTTP, sync, discard, SQLite stores";
    }

    @Override
    public void run(DemoContext demo) throws Exception {
        MeshHttpServer a = server(demo, "a");
        MeshHttpServer b = server(demo, "b");
        MeshHttpServer c = server(demo, "c");
        URI urlA = url(a);
        URI urlB = url(b);
        URI urlC = url(c);
        engine(a).addPeer(urlB.toString());
        engine(b).addPeer(urlA.toString());
        engine(b).addPeer(urlC.toString());
        engine(c).addPeer(urlB.toString());
        demo.step("start three servers, peers A-B and B-C", () -> "A " + urlA + ", B " + urlB + ", C " + urlC);

        OkHttpMeshClient alice = client("alice");
        OkHttpMeshClient bob = client("bob");
        String bobKey = bob.client().publicKey();
        SealedMessage sealed = alice.client()
                .seal(bobKey, MessageType.MESSAGE, alice.client().newChannelId(), "Hello Bob, via the mesh.");
        PacketHash hash = sealed.packet().hash();
        demo.step("Alice sends to Bob's key through A", () -> {
            alice.send(List.of(urlA), sealed);
            return "packet " + hash.hex().substring(0, 16) + "... accepted by A";
        });

        demo.step("sync rounds A-B, then B-C", () -> {
            int calls = a.syncNow().calls() + b.syncNow().calls() + c.syncNow().calls();
            return calls + " HTTP calls between the servers";
        });

        demo.step("Bob fetches from C (signed request), verifies, discards", () -> {
            List<ReceivedMessage> received = bob.fetchAll(urlC, true);
            if (received.size() != 1 || !received.getFirst().hash().equals(hash)) {
                throw new IllegalStateException("expected the one packet, got " + received.size());
            }
            return "\"" + received.getFirst().message().content() + "\" from Alice's key, discarded on C";
        });

        demo.step("C's discard proof travels to B; A learns C from the server lists", () -> {
            c.syncNow();
            a.exchangeServersNow();
            for (int round = 0; round < 2; round++) {
                a.syncNow();
                b.syncNow();
                c.syncNow();
            }
            return "A now syncs with " + engine(a).syncTargets().size() + " peers";
        });

        demo.step("after further syncs the packet does not come back anywhere", () -> {
            for (MeshHttpServer server : List.of(a, b, c)) {
                server.syncNow();
            }
            for (URI server : List.of(urlA, urlB, urlC)) {
                List<ReceivedMessage> again = bob.fetchAll(server, false);
                if (!again.isEmpty()) {
                    throw new IllegalStateException(server + " still serves it");
                }
            }
            return "A, B and C hold nothing for Bob";
        });
    }

    private static MeshServer engine(MeshHttpServer server) {
        return server.engine();
    }

    private static URI url(MeshHttpServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private static MeshHttpServer server(DemoContext demo, String name) throws IOException {
        Database store = demo.closeAtEnd(Database.open("sqlite:" + demo.data().resolve("mesh-" + name + ".db")));
        int port = freePort();
        MeshServer engine = MeshServer.builder()
                .origin("http://127.0.0.1:" + port)
                .serverKey(key("server-" + name))
                .packetStore(new JdbcMeshPacketStore(store))
                .tombstoneStore(new JdbcMeshTombstoneStore(store))
                .peerStore(new JdbcMeshPeerStore(store))
                .replayGuard(new JdbcReplayGuardStore(store))
                .clock(Clock.system())
                .random(RandomSource.secure())
                // Loopback servers learned from server lists are accepted in the demo only.
                .config(MeshConfig.DEFAULTS.withAllowPrivatePeerAddresses(true))
                .build();
        MeshHttpServer server = demo.closeAtEnd(MeshHttpServer.builder(engine)
                .port(port)
                .syncInterval(Duration.ofHours(1))
                .start());
        return server;
    }

    private static OkHttpMeshClient client(String name) {
        MeshClient client = MeshClient.builder()
                .key(key(name))
                .clock(Clock.system())
                .random(RandomSource.secure())
                .seenStore(new InMemoryReplayGuardStore())
                .build();
        return OkHttpMeshClient.builder(client)
                .txProxy(ProxyChoice.DIRECT)
                .rxProxy(ProxyChoice.DIRECT)
                .build();
    }

    /** A fixed demo key from this module's resources. */
    static RsaPrivateKey key(String name) {
        try (InputStream in = MeshDemo.class.getResourceAsStream(KEYS + name + ".pem")) {
            if (in == null) {
                throw new IllegalStateException("missing demo key " + name);
            }
            return MeshKeys.fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MeshException e) {
            throw new IllegalStateException("unreadable demo key " + name, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
