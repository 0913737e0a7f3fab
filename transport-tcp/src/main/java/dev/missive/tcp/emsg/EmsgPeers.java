package dev.missive.tcp.emsg;

import dev.missive.emsg.EmsgServer;
import dev.missive.emsg.PeerLink;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.spi.PeerTransport;
import dev.missive.emsg.spi.Resolver;
import dev.missive.emsg.spi.ServerEndpoint;
import dev.missive.tcp.LineClient;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's connections to peer servers ({@code docs/emsg.md}, "Federation"): the engine's
 * {@link PeerTransport} and what the {@link EmsgTcpServer} delivers its outbox through. Per peer
 * domain it keeps at most two open connections and reuses them: an authenticated one (our
 * {@code hello}, the peer's challenge, our {@code auth} signed with the domain key) for deliveries and
 * queries on behalf of users, and one with only the {@code hello} for key lookups, which the peer
 * answers without authentication (it needs them to authenticate us in turn). Each connection carries
 * one line and its reply at a time. A connection that fails is dropped and the call retried once on a
 * fresh connection when the failed one had been reused (the peer may have closed it as idle);
 * a retried delivery that the peer had already accepted is answered {@code 409}, which the engine
 * counts as delivered.
 */
public final class EmsgPeers implements PeerTransport, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(EmsgPeers.class);

    /** Authenticated connections kept per peer domain for deliveries ({@link #deliver(String, int, String)}). */
    public static final int LANES = 16;

    private final Resolver resolver;
    private final LineClient.Options options;
    private final Map<String, Link> authenticated = new ConcurrentHashMap<>();
    private final Map<String, Link> lookups = new ConcurrentHashMap<>();
    private volatile EmsgServer engine;

    /**
     * Peers found through {@code resolver}, reached with {@code options} (timeouts, TLS).
     *
     * @param resolver where each domain's server is ({@link DnsDiscovery}, with static overrides)
     * @param options how to connect
     */
    public EmsgPeers(Resolver resolver, LineClient.Options options) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Binds the engine whose domain key authenticates our connections. The engine is built with this
     * object as its transport, so the two are tied after both exist.
     *
     * @param server the engine
     */
    public void bind(EmsgServer server) {
        Objects.requireNonNull(server, "server");
        this.engine = server;
    }

    private EmsgServer engine() {
        EmsgServer bound = engine;
        if (bound == null) {
            throw new IllegalStateException("bind(engine) first");
        }
        return bound;
    }

    /**
     * Sends one outbox line to {@code domain}'s server over the authenticated connection.
     *
     * @param domain the peer domain
     * @param line the line
     * @return the peer's reply line
     * @throws IOException if the peer cannot be reached or did not answer
     */
    public String deliver(String domain, String line) throws IOException {
        return deliver(domain, 0, line);
    }

    /**
     * Like {@link #deliver(String, String)} on one of several authenticated connections to the same
     * peer, so that deliveries to one busy domain proceed in parallel.
     *
     * @param domain the peer domain
     * @param lane which connection, from 0 to {@link #LANES} - 1
     * @param line the line
     * @return the peer's reply line
     * @throws IOException if the peer cannot be reached or did not answer
     */
    public String deliver(String domain, int lane, String line) throws IOException {
        if (lane < 0 || lane >= LANES) {
            throw new IllegalArgumentException("lane must be 0 to " + (LANES - 1));
        }
        return exchange(authenticated, domain, lane, line, true);
    }

    @Override
    public String fetchDomainKey(String domain) throws IOException {
        return exchange(lookups, domain, 0, PeerLink.domainKeyRequest(), false);
    }

    @Override
    public String fetchUserKeys(EmsgAddress address) throws IOException {
        return exchange(lookups, address.domain(), 0, PeerLink.keyRequest(address), false);
    }

    @Override
    public String request(String domain, String line) throws IOException {
        return exchange(authenticated, domain, 0, line, true);
    }

    private String exchange(Map<String, Link> pool, String domain, int lane, String line, boolean authenticate)
            throws IOException {
        Link link = pool.computeIfAbsent(lane + "/" + domain, d -> new Link());
        link.lock.lock();
        try {
            boolean reused = link.client != null;
            try {
                if (link.client == null) {
                    link.client = open(domain, authenticate);
                }
                return link.client.exchange(line);
            } catch (IOException e) {
                link.drop();
                if (!reused) {
                    throw e;
                }
                LOG.debug("reused connection to {} failed ({}), reconnecting", domain, e.toString());
                link.client = open(domain, authenticate);
                try {
                    return link.client.exchange(line);
                } catch (IOException again) {
                    link.drop();
                    throw again;
                }
            }
        } finally {
            link.lock.unlock();
        }
    }

    private LineClient open(String domain, boolean authenticate) throws IOException {
        List<ServerEndpoint> endpoints = resolver.resolve(domain);
        if (endpoints.isEmpty()) {
            throw new IOException("no EMSG server published for " + domain);
        }
        IOException failure = null;
        for (ServerEndpoint endpoint : endpoints) {
            LineClient client;
            try {
                client = LineClient.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), domain, options);
            } catch (IOException e) {
                failure = e;
                continue;
            }
            try {
                handshake(client, domain, authenticate);
                return client;
            } catch (IOException | RuntimeException e) {
                client.close();
                throw e;
            }
        }
        throw new IOException("cannot reach " + domain + ": " + failure.getMessage(), failure);
    }

    private void handshake(LineClient client, String domain, boolean authenticate) throws IOException {
        PeerLink link = engine().openPeerLink(domain);
        String hello = client.exchange(link.hello());
        try {
            String auth = link.onHello(hello);
            if (authenticate) {
                link.onAuthReply(client.exchange(auth));
            }
        } catch (EmsgException e) {
            throw new IOException(domain + " refused the session: " + e.error().code() + " " + e.getMessage(), e);
        }
    }

    /** Closes every connection. */
    @Override
    public void close() {
        for (Map<String, Link> pool : List.of(authenticated, lookups)) {
            pool.values().forEach(link -> {
                link.lock.lock();
                try {
                    link.drop();
                } finally {
                    link.lock.unlock();
                }
            });
            pool.clear();
        }
    }

    /** One reusable connection to a peer, used by one caller at a time. */
    private static final class Link {
        final ReentrantLock lock = new ReentrantLock();
        LineClient client;

        void drop() {
            if (client != null) {
                try {
                    client.close();
                } catch (IOException e) {
                    LOG.debug("closing a peer connection failed: {}", e.toString());
                }
                client = null;
            }
        }
    }
}
