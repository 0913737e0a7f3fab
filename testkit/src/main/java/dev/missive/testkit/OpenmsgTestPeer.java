package dev.missive.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.missive.event.EventListener;
import dev.missive.http.HttpResult;
import dev.missive.http.openmsg.OkHttpPeerTransport;
import dev.missive.http.openmsg.OpenmsgHttpHandler;
import dev.missive.openmsg.OpenmsgConfig;
import dev.missive.openmsg.OpenmsgEndpoint;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.openmsg.spi.PeerLocator;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerTransport;
import dev.missive.openmsg.spi.PeerUnreachableException;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Openmsg peer node for tests, in the manner of OkHttp's MockWebServer: a real
 * {@link OpenmsgNode} on an in-memory store, served over HTTP on an ephemeral loopback port at
 * {@code http://127.0.0.1:PORT/openmsg/} through {@link OpenmsgHttpHandler}. It records every request
 * it receives (with its answer) and every call its node makes, and can be scripted to misbehave:
 * refuse, delay, answer garbage or a fixed body, rewrite its node's answer, or close the connection.
 *
 * <pre>{@code
 * try (OpenmsgTestPeer peer = OpenmsgTestPeer.builder().domain("peer.test").user("1000", "Peer").start()) {
 *     // point the node under test at peer.baseUri() for "peer.test", then:
 *     peer.enqueue(OpenmsgEndpoint.MESSAGE_CONFIRM, PeerBehavior.closeConnection());
 *     RecordedRequest request = peer.takeRequest();
 * }
 * }</pre>
 *
 * <p>Requests are answered concurrently (Openmsg calls nest). Without a queued behaviour, the
 * {@link Dispatcher} decides (by default: serve).
 */
public final class OpenmsgTestPeer implements AutoCloseable {

    /** Decides how to answer a request that has no queued behaviour. */
    @FunctionalInterface
    public interface Dispatcher {

        /**
         * The behaviour for {@code endpoint}.
         *
         * @param endpoint the endpoint the request names, if any
         * @param body     the request body
         * @return how to answer
         */
        PeerBehavior dispatch(Optional<OpenmsgEndpoint> endpoint, byte[] body);
    }

    private static final int MAX_RECORDED_BODY = 1 << 20;
    private static final String BASE_PATH = OpenmsgHttpHandler.DEFAULT_BASE_PATH;

    private final OpenmsgNode node;
    private final HttpServer server;
    private final ExecutorService executor;
    private final OpenmsgHttpHandler handler;
    private final URI baseUri;
    private final ConcurrentLinkedQueue<PeerBehavior> anyQueue = new ConcurrentLinkedQueue<>();
    private final Map<OpenmsgEndpoint, ConcurrentLinkedQueue<PeerBehavior>> endpointQueues =
            new EnumMap<>(OpenmsgEndpoint.class);
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
    private final List<OutboundCall> outbound = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, URI> routes = new ConcurrentHashMap<>();
    private volatile Dispatcher dispatcher = (endpoint, body) -> PeerBehavior.serve();

    private OpenmsgTestPeer(Builder builder) throws IOException {
        for (OpenmsgEndpoint endpoint : OpenmsgEndpoint.values()) {
            endpointQueues.put(endpoint, new ConcurrentLinkedQueue<>());
        }
        PeerTransport recording = new RecordingTransport(builder.transport, outbound);
        builder.peers.forEach(this::addRoute);
        this.node = OpenmsgNode.builder()
                .domain(builder.domain)
                .store(builder.store)
                .transport(recording)
                .locator(domain -> {
                    URI route = routes.get(domain.toLowerCase(Locale.ROOT));
                    return route != null ? route : PeerLocator.https().baseUri(domain);
                })
                .clock(builder.clock)
                .random(builder.random)
                .eventListener(builder.eventListener)
                .config(builder.config)
                .build();
        builder.users.forEach(node::addUser);
        this.handler = new OpenmsgHttpHandler(node);
        this.server = HttpServer.create(new InetSocketAddress(builder.host, builder.port), 64);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        this.baseUri = URI.create(
                "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + BASE_PATH);
    }

    /**
     * A builder for a peer of domain {@code peer.test} with no users on an ephemeral loopback port.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The peer's node, for local operations (pass codes, connect, send, inbox).
     *
     * @return the node
     */
    public OpenmsgNode node() {
        return node;
    }

    /**
     * The domain the peer serves.
     *
     * @return the domain
     */
    public String domain() {
        return node.domain();
    }

    /**
     * The address of one of the peer's users.
     *
     * @param userId the user's id
     * @return {@code userId*domain}
     */
    public OpenmsgAddress address(String userId) {
        return node.address(userId);
    }

    /**
     * Where other nodes reach this peer: {@code http://HOST:PORT/openmsg/} (a node in sandbox mode
     * appends {@code sandbox/} itself; both prefixes are served); give it to the node under test for
     * {@link #domain()}.
     *
     * @return the base URI, ending in {@code /}
     */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * The bound port.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Makes the peer's node reach {@code domain} at {@code baseUri} from now on (e.g. the node under
     * test, once its port is known).
     *
     * @param domain  the other node's domain
     * @param baseUri its {@code .../openmsg/} base
     */
    public void addRoute(String domain, URI baseUri) {
        String text = baseUri.toString();
        routes.put(domain.toLowerCase(Locale.ROOT), text.endsWith("/") ? baseUri : URI.create(text + "/"));
    }

    /**
     * Answers the next request, whatever its endpoint, with {@code behavior}.
     *
     * @param behavior how to answer
     */
    public void enqueue(PeerBehavior behavior) {
        anyQueue.add(Objects.requireNonNull(behavior, "behavior"));
    }

    /**
     * Answers the next request to {@code endpoint} with {@code behavior} (before any behaviour queued
     * with {@link #enqueue(PeerBehavior)}).
     *
     * @param endpoint the endpoint
     * @param behavior how to answer
     */
    public void enqueue(OpenmsgEndpoint endpoint, PeerBehavior behavior) {
        endpointQueues.get(endpoint).add(Objects.requireNonNull(behavior, "behavior"));
    }

    /**
     * Decides every request that has no queued behaviour.
     *
     * @param dispatcher the decision
     */
    public void setDispatcher(Dispatcher dispatcher) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /**
     * Every request received so far, in arrival order.
     *
     * @return a snapshot
     */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * How many requests were received.
     *
     * @return the count
     */
    public int requestCount() {
        return requests.size();
    }

    /**
     * The oldest request not yet taken, waiting up to ten seconds for one.
     *
     * @return the request
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if none arrived in time
     */
    public RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = untaken.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new IllegalStateException("no request arrived within 10 s");
        }
        return request;
    }

    /**
     * Every call the peer's node made to other nodes, in order.
     *
     * @return a snapshot
     */
    public List<OutboundCall> outboundCalls() {
        return List.copyOf(outbound);
    }

    /** Stops the server (running exchanges get up to one second) and releases its threads. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_RECORDED_BODY);
        }
        Optional<OpenmsgEndpoint> endpoint = endpointOf(path);
        PeerBehavior behavior = next(endpoint, body);
        HttpResult answer = answer(behavior, exchange.getRequestMethod(), path, body);
        RecordedRequest record = new RecordedRequest(
                sequence.incrementAndGet(),
                exchange.getRequestMethod(),
                path,
                endpoint,
                path.startsWith(BASE_PATH + "sandbox/"),
                body,
                answer == null ? -1 : answer.status(),
                answer == null ? new byte[0] : answer.body());
        requests.add(record);
        untaken.add(record);
        if (answer == null) {
            // Closing an exchange before its headers were sent closes the connection itself.
            exchange.close();
            return;
        }
        byte[] out = answer.body();
        exchange.getResponseHeaders().set("Content-Type", HttpResult.CONTENT_TYPE);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
        }
    }

    private PeerBehavior next(Optional<OpenmsgEndpoint> endpoint, byte[] body) {
        PeerBehavior queued = endpoint.map(e -> endpointQueues.get(e).poll()).orElse(null);
        if (queued == null) {
            queued = anyQueue.poll();
        }
        return queued != null ? queued : dispatcher.dispatch(endpoint, body);
    }

    /** The answer for {@code behavior}, or null to close the connection. */
    private HttpResult answer(PeerBehavior behavior, String method, String path, byte[] body) {
        return switch (behavior) {
            case PeerBehavior.Serve serve -> handler.handle(method, path, new ByteArrayInputStream(body));
            case PeerBehavior.Respond respond ->
                new HttpResult(respond.status(), respond.body().getBytes(StandardCharsets.UTF_8));
            case PeerBehavior.Rewrite rewrite -> {
                HttpResult served = handler.handle(method, path, new ByteArrayInputStream(body));
                String text = new String(served.body(), StandardCharsets.UTF_8);
                yield new HttpResult(
                        served.status(), rewrite.rewrite().apply(text).getBytes(StandardCharsets.UTF_8));
            }
            case PeerBehavior.CloseConnection close -> null;
            case PeerBehavior.Delay delay -> {
                try {
                    Thread.sleep(delay.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    yield null;
                }
                yield answer(delay.then(), method, path, body);
            }
        };
    }

    private static Optional<OpenmsgEndpoint> endpointOf(String path) {
        if (!path.startsWith(BASE_PATH)) {
            return Optional.empty();
        }
        String rest = path.substring(BASE_PATH.length());
        if (rest.startsWith("sandbox/")) {
            rest = rest.substring("sandbox/".length());
        }
        return OpenmsgEndpoint.fromPath(rest);
    }

    /** Records each call of the node and its answer. */
    private record RecordingTransport(PeerTransport delegate, List<OutboundCall> calls) implements PeerTransport {
        @Override
        public PeerResponse post(URI endpoint, byte[] jsonBody) throws PeerUnreachableException {
            try {
                PeerResponse response = delegate.post(endpoint, jsonBody);
                calls.add(new OutboundCall(endpoint, jsonBody, response.status(), response.body()));
                return response;
            } catch (PeerUnreachableException e) {
                calls.add(new OutboundCall(endpoint, jsonBody, -1, new byte[0]));
                throw e;
            }
        }
    }

    /** Configures an {@link OpenmsgTestPeer}. */
    public static final class Builder {

        private String domain = "peer.test";
        private String host = "127.0.0.1";
        private int port;
        private OpenmsgStore store = new InMemoryOpenmsgStore();
        private PeerTransport transport;
        private Clock clock = Clock.system();
        private RandomSource random = RandomSource.secure();
        private EventListener eventListener = EventListener.NONE;
        private OpenmsgConfig config = OpenmsgConfig.DEFAULTS;
        private final Map<String, URI> peers = new LinkedHashMap<>();
        private final Map<String, String> users = new LinkedHashMap<>();

        private Builder() {}

        /**
         * The domain the peer serves (default {@code peer.test}).
         *
         * @param domain the domain
         * @return this builder
         */
        public Builder domain(String domain) {
            this.domain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        /**
         * The address to bind (default {@code 127.0.0.1}).
         *
         * @param host the address
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port to bind (default 0: a free one).
         *
         * @param port the port
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Adds a local user.
         *
         * @param id          the user's id (digits)
         * @param displayName the name the peer reports for it
         * @return this builder
         */
        public Builder user(String id, String displayName) {
            users.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(displayName, "displayName"));
            return this;
        }

        /**
         * Where the peer's node reaches {@code domain} (e.g. the node under test on loopback).
         *
         * @param domain  the other node's domain
         * @param baseUri its {@code .../openmsg/} base
         * @return this builder
         */
        public Builder peer(String domain, URI baseUri) {
            peers.put(Objects.requireNonNull(domain, "domain"), Objects.requireNonNull(baseUri, "baseUri"));
            return this;
        }

        /**
         * The node's store (default: a fresh in-memory store).
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(OpenmsgStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * How the node calls other nodes (default: {@link OkHttpPeerTransport#create()}).
         *
         * @param transport the transport
         * @return this builder
         */
        public Builder transport(PeerTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * The node's clock (default: the system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The node's randomness (default: a secure source).
         *
         * @param random the source
         * @return this builder
         */
        public Builder random(RandomSource random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Receives the node's events (default none).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder eventListener(EventListener listener) {
            this.eventListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The node's configuration (default {@link OpenmsgConfig#DEFAULTS}).
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder config(OpenmsgConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Builds the node, binds the port and starts serving.
         *
         * @return the running peer
         * @throws IOException if the port cannot be bound
         */
        public OpenmsgTestPeer start() throws IOException {
            if (transport == null) {
                transport = OkHttpPeerTransport.create();
            }
            return new OpenmsgTestPeer(this);
        }
    }

    /** Shows the domain and base URI. */
    @Override
    public String toString() {
        return "OpenmsgTestPeer[" + domain() + " at " + baseUri + "]";
    }
}
