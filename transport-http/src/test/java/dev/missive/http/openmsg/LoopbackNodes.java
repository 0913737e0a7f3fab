package dev.missive.http.openmsg;

import dev.missive.http.HttpPeerClient;
import dev.missive.http.TestTls;
import dev.missive.openmsg.OpenmsgConfig;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.openmsg.spi.PeerLocator;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Openmsg nodes in this JVM, each behind its own {@link OpenmsgHttpServer} on a loopback port (HTTPS
 * with a throw-away CA, or plain HTTP), reaching each other through {@link OkHttpPeerTransport} and a
 * {@link PeerLocator} that maps their domains to {@code https://127.0.0.1:<port>/openmsg/}.
 */
final class LoopbackNodes implements AutoCloseable {

    private final boolean https;
    private final TestTls tls = TestTls.create();
    private final Map<String, URI> baseUris = new ConcurrentHashMap<>();
    private final List<OpenmsgHttpServer> servers = new ArrayList<>();
    private final OkHttpPeerTransport transport;

    private LoopbackNodes(boolean https) {
        this.https = https;
        HttpPeerClient.Builder client = HttpPeerClient.builder();
        if (https) {
            client.trust(tls.client().sslSocketFactory(), tls.client().trustManager());
        }
        this.transport = new OkHttpPeerTransport(client.build());
    }

    static LoopbackNodes https() {
        return new LoopbackNodes(true);
    }

    static LoopbackNodes plainHttp() {
        return new LoopbackNodes(false);
    }

    /** Starts a node for {@code domain} on {@code store}, served on a free loopback port. */
    Started start(String domain, OpenmsgStore store) throws IOException {
        return start(domain, store, OpenmsgConfig.DEFAULTS);
    }

    Started start(String domain, OpenmsgStore store, OpenmsgConfig config) throws IOException {
        OpenmsgNode node = OpenmsgNode.builder()
                .domain(domain)
                .store(store)
                .transport(transport)
                .locator(this::locate)
                .clock(Clock.system())
                .random(RandomSource.secure())
                .config(config)
                .build();
        OpenmsgHttpServer.Builder builder = OpenmsgHttpServer.builder(node);
        if (https) {
            builder.https(tls.server().sslContext());
        }
        OpenmsgHttpServer server = builder.start();
        servers.add(server);
        URI base = URI.create((https ? "https" : "http") + "://127.0.0.1:" + server.port() + "/openmsg/");
        baseUris.put(domain, base);
        return new Started(node, server, base);
    }

    /** Makes another (non-Missive) node at {@code base} reachable as {@code domain}. */
    void register(String domain, URI base) {
        baseUris.put(domain, base);
    }

    /** The base URI of the node serving {@code domain}: the tests' stand-in for DNS. */
    URI locate(String domain) {
        URI base = baseUris.get(domain);
        if (base == null) {
            throw new IllegalArgumentException("no loopback node for " + domain);
        }
        return base;
    }

    /** What a client needs to talk to the nodes directly. */
    HttpPeerClient client() {
        HttpPeerClient.Builder client = HttpPeerClient.builder();
        if (https) {
            client.trust(tls.client().sslSocketFactory(), tls.client().trustManager());
        }
        return client.build();
    }

    /** The trust material of the loopback servers. */
    TestTls tls() {
        return tls;
    }

    @Override
    public void close() {
        servers.forEach(OpenmsgHttpServer::close);
    }

    record Started(OpenmsgNode node, OpenmsgHttpServer server, URI baseUri) {}
}
