package dev.missive.tcp.emsg;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.emsg.EmsgConfig;
import dev.missive.emsg.EmsgServer;
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
import dev.missive.emsg.spi.Resolver;
import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.ConnectionSettings;
import dev.missive.tcp.LineClient;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * EMSG servers on loopback TCP, each with in-memory stores, federating through {@link EmsgPeers} and
 * finding each other through a {@link Resolver} (the tests give it a {@link DnsDiscovery} asking a
 * {@link LoopbackDnsServer}). Users connect with {@link EmsgTcpClient}.
 */
final class TcpNetwork implements Closeable {

    private final List<Closeable> resources = new ArrayList<>();

    /** One running server. */
    final class Node {
        final String domain;
        final EmsgServer engine;
        final EmsgPeers peers;
        final EmsgTcpServer tcp;
        final List<ProtocolEvent> events = new CopyOnWriteArrayList<>();

        Node(String domain, Resolver resolver, EmsgConfig config, ConnectionSettings settings) throws IOException {
            this.domain = domain;
            this.peers = new EmsgPeers(resolver, LineClient.Options.DEFAULTS.withReadTimeout(Duration.ofSeconds(20)));
            DeliveryTrigger trigger = new DeliveryTrigger();
            this.engine = EmsgServer.builder()
                    .domain(domain)
                    .domainKey(EmsgSigningKey.ed25519("d1", Ed25519PrivateKey.generate(new SecureRandom())))
                    .accountStore(new InMemoryAccountStore())
                    .groupStore(new InMemoryGroupStore())
                    .profileStore(new InMemoryProfileStore())
                    .inboxStore(new InMemoryInboxStore())
                    .outboxStore(new InMemoryOutboxStore())
                    .replayGuardStore(new InMemoryReplayGuardStore())
                    .transport(peers)
                    .clock(Clock.system())
                    .random(RandomSource.secure())
                    .config(config)
                    .eventListener(EventListener.all(trigger, new EventListener() {
                        @Override
                        public void onProtocolEvent(ProtocolEvent event) {
                            events.add(event);
                        }
                    }))
                    .build();
            peers.bind(engine);
            this.tcp = EmsgTcpServer.builder(engine)
                    .port(0)
                    .settings(settings)
                    .federation(peers, Duration.ofMillis(200), trigger)
                    .start();
            resources.add(tcp);
            resources.add(peers);
        }

        InetSocketAddress address() {
            return tcp.address();
        }

        /** Registers {@code local} with a new key and returns its connected client. */
        EmsgTcpClient register(String local) throws IOException, EmsgException {
            EmsgAddress address = new EmsgAddress(local, domain);
            EmsgSigningKey key = EmsgSigningKey.ed25519("k1", Ed25519PrivateKey.generate(new SecureRandom()));
            EmsgTcpClient client = EmsgTcpClient.connect(
                    address(),
                    new EmsgClient(address, key, Clock.system(), RandomSource.secure()),
                    LineClient.Options.DEFAULTS,
                    true);
            resources.add(client);
            return client;
        }
    }

    Node start(String domain, Resolver resolver) throws IOException {
        return start(domain, resolver, EmsgConfig.DEFAULTS.withRegistrationOpen(true), ConnectionSettings.DEFAULTS);
    }

    Node start(String domain, Resolver resolver, EmsgConfig config, ConnectionSettings settings) throws IOException {
        return new Node(domain, resolver, config, settings);
    }

    /** Every message in a user's inbox, oldest first. */
    static List<ClientReply.InboxItem> inbox(EmsgTcpClient user) throws IOException, EmsgException {
        return ((ClientReply.Inbox) user.request(user.client().inbox(0, 500))).messages();
    }

    @Override
    public void close() throws IOException {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }
}
