// Openmsg in jshell: two nodes on loopback, a handshake, one message each way, both inboxes.
// Run from the repository root after `./mvnw -q -DskipTests package`:
//   jshell --class-path examples/target/missive.jar examples/jshell/openmsg.jsh

import dev.missive.http.openmsg.OkHttpPeerTransport;
import dev.missive.http.openmsg.OpenmsgHttpServer;
import dev.missive.openmsg.*;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.spi.PeerLocator;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

// The tests' stand-in for DNS: each domain maps to its node's loopback port once it is listening.
var bases = new ConcurrentHashMap<String, URI>();
PeerLocator locator = domain -> bases.get(domain);
var transport = OkHttpPeerTransport.create();

OpenmsgNode node(String domain) {
    return OpenmsgNode.builder().domain(domain).store(new InMemoryOpenmsgStore()).transport(transport)
            .locator(locator).clock(Clock.system()).random(RandomSource.secure()).build();
}

OpenmsgHttpServer serve(OpenmsgNode node) throws Exception {
    var server = OpenmsgHttpServer.builder(node).start();   // plain HTTP on 127.0.0.1, a free port
    bases.put(node.domain(), URI.create("http://127.0.0.1:" + server.port() + "/openmsg/"));
    System.out.println(node.domain() + " listening on 127.0.0.1:" + server.port());
    return server;
}

var a = node("a.example");
var b = node("b.example");
var serverA = serve(a);
var serverB = serve(b);
a.addUser("1000000", "Alice");
b.addUser("2000000", "Bob");
var alice = a.address("1000000");
var bob = b.address("2000000");

// Bob hands Alice a pass code out of band; Alice's node runs the handshake with Bob's node.
var code = b.issuePassCode("2000000");
// The code is a Secret: it prints as redacted unless revealed on purpose, as here.
System.out.println("pass code for " + code.address() + ": " + code.code().revealText());
System.out.println("handshake: " + a.connect(alice, bob, code.code()));

System.out.println("alice -> bob: " + a.send(alice, bob, "Hello Bob!"));
System.out.println("bob -> alice: " + b.send(bob, alice, "Hi Alice, got it."));

for (var m : b.inbox("2000000")) System.out.println("bob's inbox:   " + m.sender() + " (" + m.senderName() + "): " + m.text());
for (var m : a.inbox("1000000")) System.out.println("alice's inbox: " + m.sender() + " (" + m.senderName() + "): " + m.text());

serverA.close();
serverB.close();
/exit
