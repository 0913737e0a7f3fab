// Mesh relay: three servers on loopback HTTP in a line A - B - C, in-memory stores; Alice sends
// through A, the servers sync, Bob fetches from C and discards, and the packet does not come back.
//
//   ./mvnw -q -DskipTests package
//   jshell --class-path examples/target/missive.jar examples/jshell/mesh.jsh

import dev.missive.crypto.RsaPrivateKey;
import dev.missive.http.ProxyChoice;
import dev.missive.http.mesh.MeshHttpServer;
import dev.missive.http.mesh.OkHttpMeshClient;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.MeshConfig;
import dev.missive.mesh.MeshServer;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.client.MeshKeys;
import dev.missive.mesh.memory.InMemoryPacketStore;
import dev.missive.mesh.memory.InMemoryPeerStore;
import dev.missive.mesh.memory.InMemoryTombstoneStore;
import dev.missive.mesh.model.MessageType;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

// Fixed demo keys (RSA-4096 key generation takes seconds each; `missive mesh keygen` makes real ones).
RsaPrivateKey key(String name) throws Exception {
    try (var in = MeshServer.class.getClassLoader().getResourceAsStream("dev/missive/cli/mesh/demo-keys/" + name + ".pem")) {
        return MeshKeys.fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }
}

int freePort() throws Exception {
    try (var socket = new ServerSocket(0)) {
        return socket.getLocalPort();
    }
}

// 1. A server: the engine on in-memory stores, its origin (what clients sign requests for), and the
// HTTP host that also runs its sync rounds (here on request; `mesh-server --sync-interval` schedules them).
MeshHttpServer start(String name, int port) throws Exception {
    var engine = MeshServer.builder().
            origin("http://127.0.0.1:" + port).
            serverKey(key("server-" + name)).
            packetStore(new InMemoryPacketStore()).
            tombstoneStore(new InMemoryTombstoneStore()).
            peerStore(new InMemoryPeerStore()).
            replayGuard(new InMemoryReplayGuardStore()).
            clock(Clock.system()).
            random(RandomSource.secure()).
            config(MeshConfig.DEFAULTS.withAllowPrivatePeerAddresses(true)).
            build();
    return MeshHttpServer.builder(engine).port(port).syncInterval(Duration.ofHours(1)).start();
}

var portA = freePort();
var portB = freePort();
var portC = freePort();
var a = start("a", portA);
var b = start("b", portB);
var c = start("c", portC);
var urlA = URI.create("http://127.0.0.1:" + portA);
var urlB = URI.create("http://127.0.0.1:" + portB);
var urlC = URI.create("http://127.0.0.1:" + portC);

// 2. Peers: A - B and B - C. Servers are told about each other by their operators (--peer) or learn
// each other from signed server lists.
a.engine().addPeer(urlB.toString());
b.engine().addPeer(urlA.toString());
b.engine().addPeer(urlC.toString());
c.engine().addPeer(urlB.toString());
System.out.println("servers A " + urlA + ", B " + urlB + ", C " + urlC);

// 3. Clients: a key each (the public key, base64 SPKI, is the address), separate TX and RX proxies
// (direct here; by default the JVM's proxy settings).
OkHttpMeshClient client(String name) throws Exception {
    var pure = MeshClient.builder().
            key(key(name)).
            clock(Clock.system()).
            random(RandomSource.secure()).
            seenStore(new InMemoryReplayGuardStore()).
            build();
    return OkHttpMeshClient.builder(pure).txProxy(ProxyChoice.DIRECT).rxProxy(ProxyChoice.DIRECT).build();
}
var alice = client("alice");
var bob = client("bob");

// 4. Alice seals a message to Bob's key and sends it through A.
var sealed = alice.client().seal(bob.client().publicKey(), MessageType.MESSAGE, alice.client().newChannelId(), "Hello Bob, via the mesh.");
alice.send(List.of(urlA), sealed);
System.out.println("sent " + sealed.packet().hash());

// 5. Sync rounds: A with B, then B with C. Bob fetches from C (a request signed for C), and discards.
a.syncNow();
b.syncNow();
var got = bob.fetchAll(urlC, true);
got.forEach(m -> System.out.println("bob fetched from C: " + m.message().content()));

// 6. C's discard proof goes to B with the next sync; A learns C from the server lists and gets it too.
c.syncNow();
a.exchangeServersNow();
for (int i = 0; i < 2; i++) { a.syncNow(); b.syncNow(); c.syncNow(); }
var left = bob.fetchAll(urlA, false).size() + bob.fetchAll(urlB, false).size() + bob.fetchAll(urlC, false).size();
System.out.println(got.size() == 1 && left == 0 ? "fetched once, discarded, not coming back" : "FAILED: " + got.size() + " fetched, " + left + " left");

a.close();
b.close();
c.close();
/exit
