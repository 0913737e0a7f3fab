// OSMS: a user directory server on loopback HTTP; Alice and Bob log in with OTR, authorize each
// other and exchange a text in an OTR conversation the server relays without reading it.
//
//   ./mvnw -q -DskipTests package
//   jshell --class-path examples/target/missive.jar examples/jshell/osms.jsh

import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.http.osms.OkHttpOsmsTransport;
import dev.missive.http.osms.OsmsHttpServer;
import dev.missive.osms.OsmsConfig;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.OsmsServerKeys;
import dev.missive.osms.client.OsmsClient;
import dev.missive.osms.memory.InMemoryPinStore;
import dev.missive.osms.memory.InMemoryQueueStore;
import dev.missive.osms.memory.InMemoryServerKeyStore;
import dev.missive.osms.memory.InMemorySessionStore;
import dev.missive.osms.memory.InMemoryUserStore;
import dev.missive.osms.model.Username;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.net.URI;
import java.security.SecureRandom;

// 1. A server with open registration: the first login of a new username creates its account.
// (jshell runs each complete line at once: chained calls keep their dot at the end of a line.)
var serverKey = OsmsServerKeys.loadOrCreate(new InMemoryServerKeyStore(),
        () -> OtrKeyPair.generate(new SecureRandom()), Clock.system());
var engine = OsmsServer.builder().
        clock(Clock.system()).
        random(RandomSource.secure()).
        userStore(new InMemoryUserStore()).
        sessionStore(new InMemorySessionStore()).
        queueStore(new InMemoryQueueStore()).
        otr(new Otr4jEngine()).
        serverKey(serverKey).
        config(OsmsConfig.DEFAULTS.withRegistrationOpen(true)).
        build();
var server = OsmsHttpServer.builder(engine).port(0).start();
var url = URI.create("http://127.0.0.1:" + server.port());
var fingerprint = engine.publicKey().fingerprintHex();
System.out.println("server listening on " + url + ", fingerprint " + fingerprint);

// 2. Each user has a DSA-1024 OTR key and pins the server's fingerprint.
OsmsClient client(URI url, String fingerprint) {
    return OsmsClient.builder().
            transport(OkHttpOsmsTransport.builder(url).build()).
            clock(Clock.system()).
            otr(new Otr4jEngine()).
            key(OtrKeyPair.generate(new SecureRandom())).
            pinStore(new InMemoryPinStore()).
            server(url.toString()).
            serverFingerprint(fingerprint).
            build();
}
var alice = client(url, fingerprint);
var bob = client(url, fingerprint);
var aliceName = Username.of("alice");
var bobName = Username.of("bob");

// 3. Login: an OTR AKE in three POSTs to /create_session/{username}.
alice.login(aliceName);
bob.login(bobName);
System.out.println("logged in: " + alice.username().get() + ", " + bob.username().get());

// 4. Texts flow only once both users authorized each other.
alice.authorize(bobName);
System.out.println("mutual consent: " + bob.authorize(aliceName));

// 5. Alice sends; the OTR handshake between the users completes as both poll.
System.out.println("send: " + alice.send(bobName, "Hello Bob, this is OTR."));
var inbox = new java.util.ArrayList<String>();
for (int round = 0; round < 20 && inbox.isEmpty(); round++) {
    alice.poll();
    bob.poll().texts().forEach(t -> inbox.add(t.from() + ": " + t.text()));
}
System.out.println("bob's inbox: " + inbox);

// 6. Logout (TLV 1 to /terminate_session) and stop.
alice.logout();
bob.logout();
server.close();
System.out.println("osms done");
/exit
