// EMSG in jshell: two domains federating over ESMP on loopback TCP, a signed message each way,
// a group across both domains, and a profile with a private field.
//
//   ./mvnw -q -DskipTests package
//   jshell --class-path examples/target/missive.jar examples/jshell/emsg.jsh

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.emsg.EmsgConfig;
import dev.missive.emsg.EmsgServer;
import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.client.EmsgClient;
import dev.missive.emsg.memory.*;
import dev.missive.emsg.model.*;
import dev.missive.emsg.spi.ProfileValue;
import dev.missive.emsg.spi.ServerEndpoint;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.LineClient;
import dev.missive.tcp.emsg.*;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

// Where each domain listens, filled in as servers start: the script's stand-in for DNS
// (a server would use DnsDiscovery: SRV _emsg-server._tcp, TXT _emsg, then A/AAAA on 5888).
var ports = new ConcurrentHashMap<String, Integer>();

EmsgTcpServer serve(String domain) throws Exception {
    var peers = new EmsgPeers(d -> ports.containsKey(d) ? List.of(new ServerEndpoint("127.0.0.1", ports.get(d))) : List.of(),
            LineClient.Options.DEFAULTS);
    var trigger = new DeliveryTrigger();
    var engine = EmsgServer.builder().domain(domain).
            domainKey(EmsgSigningKey.ed25519("d1", Ed25519PrivateKey.generate(new SecureRandom()))).
            accountStore(new InMemoryAccountStore()).groupStore(new InMemoryGroupStore()).
            profileStore(new InMemoryProfileStore()).inboxStore(new InMemoryInboxStore()).
            outboxStore(new InMemoryOutboxStore()).replayGuardStore(new InMemoryReplayGuardStore()).
            transport(peers).clock(Clock.system()).random(RandomSource.secure()).
            config(EmsgConfig.DEFAULTS.withRegistrationOpen(true)).eventListener(trigger).build();
    peers.bind(engine);
    var server = EmsgTcpServer.builder(engine).port(0).federation(peers, Duration.ofMillis(200), trigger).start();
    ports.put(domain, server.address().getPort());
    System.out.println(domain + " listening on 127.0.0.1:" + server.address().getPort());
    return server;
}

EmsgTcpClient register(EmsgTcpServer server, String address) throws Exception {
    var key = EmsgSigningKey.ed25519("k1", Ed25519PrivateKey.generate(new SecureRandom()));
    var client = new EmsgClient(EmsgAddress.parse(address), key, Clock.system(), RandomSource.secure());
    return EmsgTcpClient.connect(server.address(), client, LineClient.Options.DEFAULTS, true);
}

// Federation is asynchronous: wait until the inbox holds n messages, then print them.
void printInbox(String who, EmsgTcpClient user, int n) throws Exception {
    List<ClientReply.InboxItem> items = List.of();
    for (int i = 0; i < 300 && items.size() < n; i++) {
        items = ((ClientReply.Inbox) user.request(user.client().inbox(0, 100))).messages();
        if (items.size() < n) Thread.sleep(50);
    }
    for (var item : items) {
        var m = item.message();
        System.out.println(who + "'s inbox: " + m.sender() + " " + switch (m) {
            case ChatMessage c -> "\"" + c.body() + "\"" + (c.group() == null ? "" : " in " + c.group().toString().substring(0, 8) + "...");
            case SystemMessage s -> s.event().wireName() + (s.groupName() == null ? "" : " " + s.groupName());
        });
    }
}

var a = serve("a.example");
var b = serve("b.example");
var alice = register(a, "alice#a.example");
var bob = register(b, "bob#b.example");

System.out.println("alice -> bob: " + alice.send(alice.client().chat(EmsgAddress.parse("bob#b.example"), "Hello Bob!")));
System.out.println("bob -> alice: " + bob.send(bob.client().chat(EmsgAddress.parse("alice#a.example"), "Hi Alice!")));

// A group lives on its creator's server (a.example), which relays everything to Bob's server.
var group = alice.client().newGroupId();
alice.send(alice.client().createGroup(group, "Hiking"));
alice.send(alice.client().memberEvent(SystemEvent.JOINED, group, EmsgAddress.parse("bob#b.example")));
alice.send(alice.client().metadataEvent(SystemEvent.GROUP_RENAMED, group, "Hiking club"));
bob.send(bob.client().groupChat(group, "Sunday?"));

printInbox("bob", bob, 3);
printInbox("alice", alice, 2);

// Per-field visibility: Bob is not Alice's contact, so he does not see her private address.
alice.request(alice.client().profileSet(Map.of(
        ProfileField.FIRST_NAME, new ProfileValue("Alice", Visibility.PUBLIC),
        ProfileField.ADDRESS, new ProfileValue("1 Hidden Lane", Visibility.PRIVATE)), Set.of()));
var seen = (ClientReply.Profile) bob.request(bob.client().profileGet(EmsgAddress.parse("alice#a.example")));
System.out.println("bob sees alice's profile: " + seen.fields());

alice.close();
bob.close();
a.close();
b.close();
/exit
