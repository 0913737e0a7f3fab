package dev.missive.emsg;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.client.EmsgClient;
import dev.missive.emsg.memory.InMemoryAccountStore;
import dev.missive.emsg.memory.InMemoryGroupStore;
import dev.missive.emsg.memory.InMemoryInboxStore;
import dev.missive.emsg.memory.InMemoryOutboxStore;
import dev.missive.emsg.memory.InMemoryProfileStore;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.spi.PeerTransport;
import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.testing.ManualClock;
import dev.missive.testing.SeededRandom;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Several EMSG servers wired in process: each server's {@link PeerTransport} opens sessions on the
 * others, and {@link #pump()} drains every outbox through {@link PeerLink}s, as a TCP transport would.
 * A domain in {@link #down} is unreachable.
 */
final class TestNetwork {

    final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    final SeededRandom random = new SeededRandom(42);
    final Map<String, Node> nodes = new LinkedHashMap<>();
    final Set<String> down = new HashSet<>();
    private int keySeed = 1;

    /** One server and its stores. */
    final class Node {
        final String domain;
        final InMemoryAccountStore accounts = new InMemoryAccountStore();
        final InMemoryGroupStore groups = new InMemoryGroupStore();
        final InMemoryProfileStore profiles = new InMemoryProfileStore();
        final InMemoryInboxStore inbox = new InMemoryInboxStore();
        final InMemoryOutboxStore outbox = new InMemoryOutboxStore();
        final InMemoryReplayGuardStore seen = new InMemoryReplayGuardStore();
        final List<ProtocolEvent> events = new CopyOnWriteArrayList<>();
        final EmsgServer server;

        Node(String domain, EmsgConfig config) {
            this.domain = domain;
            this.server = EmsgServer.builder()
                    .domain(domain)
                    .domainKey(EmsgSigningKey.ed25519("d1", key()))
                    .accountStore(accounts)
                    .groupStore(groups)
                    .profileStore(profiles)
                    .inboxStore(inbox)
                    .outboxStore(outbox)
                    .replayGuardStore(seen)
                    .transport(transport(domain))
                    .clock(clock)
                    .random(random)
                    .config(config)
                    .eventListener(new EventListener() {
                        @Override
                        public void onProtocolEvent(ProtocolEvent event) {
                            events.add(event);
                        }
                    })
                    .build();
        }

        /** Creates an account and returns a logged-in client connection for it. */
        User user(String local) throws EmsgException {
            EmsgAddress address = new EmsgAddress(local, domain);
            EmsgSigningKey key = EmsgSigningKey.ed25519("k1", key());
            server.addAccount(address, key.publicKey());
            User user = new User(this, new EmsgClient(address, key, clock, random), key);
            user.login();
            return user;
        }

        <T> List<T> events(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** A client connected to its home server. */
    static final class User {
        final Node home;
        final EmsgClient client;
        /** The client's signing key, to sign lines a test crafts itself. */
        final EmsgSigningKey key;

        EmsgSession session;

        User(Node home, EmsgClient client, EmsgSigningKey key) {
            this.home = home;
            this.client = client;
            this.key = key;
        }

        EmsgAddress address() {
            return client.address();
        }

        void login() throws EmsgException {
            session = home.server.openSession();
            String hello = session.onLine(client.hello()).line();
            client.onAuthReply(session.onLine(client.onHello(hello)).line());
        }

        ClientReply send(EmsgClient.Outgoing outgoing) throws EmsgException {
            return EmsgClient.parseReply(session.onLine(outgoing.line()).line());
        }

        ClientReply query(String line) throws EmsgException {
            return EmsgClient.parseReply(session.onLine(line).line());
        }

        String raw(String line) {
            return session.onLine(line).line();
        }

        List<ClientReply.InboxItem> inbox() throws EmsgException {
            return ((ClientReply.Inbox) query(client.inbox(0, 500))).messages();
        }
    }

    Ed25519PrivateKey key() {
        byte[] seed = new byte[32];
        seed[0] = (byte) keySeed;
        seed[1] = (byte) (keySeed >> 8);
        keySeed++;
        return Ed25519PrivateKey.fromSeed(seed);
    }

    Node add(String domain) {
        return add(domain, EmsgConfig.DEFAULTS.withRegistrationOpen(true));
    }

    Node add(String domain, EmsgConfig config) {
        Node node = new Node(domain, config);
        nodes.put(domain, node);
        return node;
    }

    private Node reach(String domain) throws IOException {
        Node node = nodes.get(domain);
        if (node == null || down.contains(domain)) {
            throw new IOException("unreachable: " + domain);
        }
        return node;
    }

    private PeerTransport transport(String self) {
        return new PeerTransport() {
            @Override
            public String fetchDomainKey(String domain) throws IOException {
                EmsgSession s = greeted(reach(domain));
                return s.onLine(PeerLink.domainKeyRequest()).line();
            }

            @Override
            public String fetchUserKeys(EmsgAddress address) throws IOException {
                EmsgSession s = greeted(reach(address.domain()));
                return s.onLine(PeerLink.keyRequest(address)).line();
            }

            @Override
            public String request(String domain, String line) throws IOException {
                EmsgSession s = link(nodes.get(self), reach(domain));
                return s.onLine(line).line();
            }
        };
    }

    private static EmsgSession greeted(Node target) {
        EmsgSession s = target.server.openSession();
        s.onLine(dev.missive.emsg.wire.Frames.hello("client", null, null));
        return s;
    }

    /** An authenticated server-to-server session from {@code from} to {@code to}. */
    EmsgSession link(Node from, Node to) throws IOException {
        PeerLink link = from.server.openPeerLink(to.domain);
        EmsgSession s = to.server.openSession();
        try {
            String auth = link.onHello(s.onLine(link.hello()).line());
            link.onAuthReply(s.onLine(auth).line());
        } catch (EmsgException e) {
            throw new IOException("link refused: " + e.getMessage(), e);
        }
        return s;
    }

    /** Drains every outbox until nothing is due now; returns how many attempts were made. */
    int pump() {
        int attempts = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Node node : new ArrayList<>(nodes.values())) {
                for (OutboundDelivery d : node.server.nextDue(100)) {
                    attempts++;
                    progress = true;
                    try {
                        EmsgSession s = link(node, reach(d.destination()));
                        node.server.onDeliveryReply(d, s.onLine(d.line()).line());
                    } catch (IOException e) {
                        node.server.onDeliveryFailure(d);
                    }
                }
            }
        }
        return attempts;
    }
}
