// SMP: Alice <-> Bob duplex connection against an in-JVM server, over the Appendix A encrypted
// TCP transport, with end-to-end encrypted (HPKE) bodies.
//
//   ./mvnw -q -DskipTests package
//   jshell --class-path examples/target/missive.jar examples/jshell/smp.jsh

import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.smp.SmpServer;
import dev.missive.smp.client.DuplexConnection;
import dev.missive.smp.client.Invitation;
import dev.missive.smp.model.ServerAddress;
import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.smp.SmpTcpClientPool;
import dev.missive.tcp.smp.SmpTcpServer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

// 1. A server: the engine on in-memory stores, served on a free loopback port with an RSA key.
System.out.println("starting an SMP server on loopback (generating its RSA-2048 key takes a moment)...");
// (jshell runs each complete line at once: chained calls keep their dot at the end of a line.)
var engine = SmpServer.builder().
        queueStore(new InMemoryQueueStore()).
        messageStore(new InMemoryMessageStore()).
        clock(Clock.system()).
        random(RandomSource.secure()).
        build();
var server = SmpTcpServer.builder(engine).port(0).
        encrypted(RsaPrivateKey.generate(2048, new SecureRandom()).privateKey()).
        start();
System.out.println("server listening on 127.0.0.1:" + server.address().getPort() + ", key-hash " + Encodings.base64Url(server.keyHash()));

// Clients reach a server by address; the key hash makes them use and pin the encrypted transport.
var address = new ServerAddress("127.0.0.1", server.address().getPort(), server.keyHash());
var alicePool = new SmpTcpClientPool();
var bobPool = new SmpTcpClientPool();
var received = new CountDownLatch(2);

// 2. Alice creates her queue and an invitation for Bob.
System.out.println("Alice creates her queue...");
var initiation = DuplexConnection.initiate(alicePool.apply(address), alicePool, bytes -> {
    System.out.println("Alice received: " + new String(bytes, StandardCharsets.UTF_8));
    received.countDown();
}).get(30, TimeUnit.SECONDS);
var uri = initiation.invitation().toUri();
System.out.println("invitation (out of band): " + uri);

// 3. Bob accepts it: his own queue, confirmation, KEY on both sides.
var bob = DuplexConnection.accept(bobPool.apply(address), Invitation.parse(uri), bobPool, bytes -> {
    System.out.println("Bob received: " + new String(bytes, StandardCharsets.UTF_8));
    received.countDown();
}).get(30, TimeUnit.SECONDS);
var alice = initiation.established().get(30, TimeUnit.SECONDS);
System.out.println("duplex connection established");

// 4. They talk.
alice.send("Hello Bob, this is Alice.".getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
bob.send("Hi Alice! Bob here.".getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
var delivered = received.await(30, TimeUnit.SECONDS);
System.out.println(delivered ? "both messages delivered" : "FAILED: messages missing");

alicePool.close();
bobPool.close();
server.close();
/exit delivered ? 0 : 1
