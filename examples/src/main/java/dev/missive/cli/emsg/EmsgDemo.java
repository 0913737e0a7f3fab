package dev.missive.cli.emsg;

import dev.missive.cli.DemoContext;
import dev.missive.cli.DemoScenario;
import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.emsg.EmsgConfig;
import dev.missive.emsg.EmsgServer;
import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.client.EmsgClient;
import dev.missive.emsg.model.ChatMessage;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgMessage;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.model.ProfileField;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.model.SystemMessage;
import dev.missive.emsg.model.Visibility;
import dev.missive.emsg.spi.ProfileValue;
import dev.missive.emsg.spi.ServerEndpoint;
import dev.missive.jdbc.StoreUrl;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.LineClient;
import dev.missive.tcp.emsg.DeliveryTrigger;
import dev.missive.tcp.emsg.EmsgPeers;
import dev.missive.tcp.emsg.EmsgTcpClient;
import dev.missive.tcp.emsg.EmsgTcpServer;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * EMSG in {@code missive demo}: two domains, each an ESMP server on loopback with its SQLite store,
 * federating with each other; a message each way, a group across both domains created, renamed and
 * messaged, and a profile with a private field as the other domain's user sees it.
 */
public final class EmsgDemo implements DemoScenario {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Where each demo domain listens, filled in as the servers start (the demo's stand-in for DNS). */
    private final Map<String, InetSocketAddress> listening = new ConcurrentHashMap<>();

    /** Creates the scenario. */
    public EmsgDemo() {}

    @Override
    public String name() {
        return "emsg";
    }

    @Override
    public String title() {
        return "EMSG 0.2: two federating ESMP servers on loopback TCP, SQLite stores, signed messages";
    }

    @Override
    public void run(DemoContext demo) throws Exception {
        InetSocketAddress a = start(demo, "a.example");
        InetSocketAddress b = start(demo, "b.example");
        demo.step("start two servers", () -> "a.example on " + hostPort(a) + ", b.example on " + hostPort(b));

        EmsgTcpClient alice = demo.closeAtEnd(register(a, "alice#a.example"));
        EmsgTcpClient bob = demo.closeAtEnd(register(b, "bob#b.example"));
        demo.step("Alice and Bob register with their own keys", () -> "alice#a.example, bob#b.example");

        String toBob =
                alice.send(alice.client().chat(EmsgAddress.parse("bob#b.example"), "Hello Bob, from a.example."));
        demo.step(
                "Bob receives Alice's signed message across domains",
                () -> text(await(bob, m -> m.id().equals(toBob))));
        String toAlice = bob.send(bob.client().chat(EmsgAddress.parse("alice#a.example"), "Hi Alice! Bob here."));
        demo.step("Alice receives Bob's reply", () -> text(await(alice, m -> m.id().equals(toAlice))));

        GroupId group = alice.client().newGroupId();
        alice.send(alice.client().createGroup(group, "Weekend plans"));
        alice.send(alice.client().memberEvent(SystemEvent.JOINED, group, EmsgAddress.parse("bob#b.example")));
        demo.step(
                "Alice creates a group on a.example with Bob as a member",
                () -> "Bob sees " + event(await(bob, m -> isEvent(m, SystemEvent.JOINED))) + " for " + group);
        alice.send(alice.client().metadataEvent(SystemEvent.GROUP_RENAMED, group, "Weekend hike"));
        demo.step(
                "Alice renames it; the origin server tells Bob's server",
                () -> "Bob sees "
                        + ((SystemMessage) await(bob, m -> isEvent(m, SystemEvent.GROUP_RENAMED))).groupName());
        String inGroup = bob.send(bob.client().groupChat(group, "Count me in!"));
        demo.step(
                "Bob writes to the group; a.example relays it signed by Bob",
                () -> text(await(alice, m -> m.id().equals(inGroup))));

        Map<ProfileField, ProfileValue> profile = new EnumMap<>(ProfileField.class);
        profile.put(ProfileField.FIRST_NAME, new ProfileValue("Alice", Visibility.PUBLIC));
        profile.put(ProfileField.ADDRESS, new ProfileValue("1 Hidden Lane", Visibility.PRIVATE));
        alice.request(alice.client().profileSet(profile, Set.of()));
        ClientReply.Profile seen =
                (ClientReply.Profile) bob.request(bob.client().profileGet(EmsgAddress.parse("alice#a.example")));
        demo.step("Alice sets a profile with a private address; Bob asks for it", () -> {
            if (seen.fields().containsKey("address")) {
                throw new IllegalStateException("the private field was shown to Bob");
            }
            return "Bob sees " + seen.fields() + " (address hidden)";
        });
    }

    private InetSocketAddress start(DemoContext demo, String domain) throws Exception {
        EmsgStores stores = demo.closeAtEnd(EmsgStores.open(
                new StoreUrl.Sqlite(demo.data().resolve("emsg-" + domain + ".db"), StoreUrl.Synchronous.FULL)));
        // Each domain finds the other where it listens: a static override per domain, no DNS.
        EmsgPeers peers = demo.closeAtEnd(new EmsgPeers(
                peer -> {
                    InetSocketAddress address = listening.get(peer);
                    return address == null ? List.of() : List.of(new ServerEndpoint("127.0.0.1", address.getPort()));
                },
                LineClient.Options.DEFAULTS));
        DeliveryTrigger trigger = new DeliveryTrigger();
        EmsgServer engine = stores.apply(EmsgServer.builder())
                .domain(domain)
                .domainKey(EmsgSigningKey.ed25519("d1", Ed25519PrivateKey.generate(new SecureRandom())))
                .transport(peers)
                .clock(Clock.system())
                .random(RandomSource.secure())
                .config(EmsgConfig.DEFAULTS.withRegistrationOpen(true))
                .eventListener(trigger)
                .build();
        peers.bind(engine);
        EmsgTcpServer server = demo.closeAtEnd(EmsgTcpServer.builder(engine)
                .port(0)
                .federation(peers, Duration.ofMillis(200), trigger)
                .start());
        listening.put(domain, server.address());
        return server.address();
    }

    private static EmsgTcpClient register(InetSocketAddress server, String address) throws Exception {
        EmsgSigningKey key = EmsgSigningKey.ed25519("k1", Ed25519PrivateKey.generate(new SecureRandom()));
        EmsgClient client = new EmsgClient(EmsgAddress.parse(address), key, Clock.system(), RandomSource.secure());
        return EmsgTcpClient.connect(server, client, LineClient.Options.DEFAULTS, true);
    }

    /** Polls the user's inbox until a message matches (federation is asynchronous). */
    private static EmsgMessage await(EmsgTcpClient user, Predicate<EmsgMessage> wanted) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ClientReply.Inbox inbox =
                    (ClientReply.Inbox) user.request(user.client().inbox(0, 500));
            for (ClientReply.InboxItem item : inbox.messages()) {
                if (wanted.test(item.message())) {
                    return item.message();
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("nothing arrived within " + TIMEOUT.toSeconds() + " s");
    }

    private static boolean isEvent(EmsgMessage message, SystemEvent event) {
        return message instanceof SystemMessage system && system.event() == event;
    }

    private static String text(EmsgMessage message) {
        return "\"" + ((ChatMessage) message).body() + "\" from " + message.sender();
    }

    private static String event(EmsgMessage message) {
        return ((SystemMessage) message).event().wireName();
    }

    private static String hostPort(InetSocketAddress address) {
        return "127.0.0.1:" + address.getPort();
    }
}
