package dev.missive.http.mesh;

import dev.missive.http.FailureKinds;
import dev.missive.http.HttpPeerClient;
import dev.missive.http.ProxyChoice;
import dev.missive.mesh.MeshException;
import dev.missive.mesh.client.FetchResult;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.client.ReceivedMessage;
import dev.missive.mesh.client.SealedMessage;
import dev.missive.mesh.client.ServerChoice;
import dev.missive.mesh.client.ServerLoad;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.wire.MeshJson;
import dev.missive.mesh.wire.MeshWireException;
import dev.missive.mesh.wire.PeerView;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * A mesh client over HTTP: the pure {@link MeshClient} (sealing, signed requests, opening and
 * verifying packets) with OkHttp around it. Sending and receiving go through two separate OkHttp
 * clients with their own connection pools and their own {@link ProxyChoice} (the JVM's standard
 * proxy settings unless told otherwise), so that the operator of one proxy, or of one server, does
 * not see both directions of a user's traffic from one address.
 *
 * <p>Server URLs are origins ({@code http[s]://host[:port]}); requests are signed for the origin
 * they are sent to (the audience).
 */
public final class OkHttpMeshClient {

    /** Answers larger than this are refused: a fetch page of the default 100 packets fits well. */
    public static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    /**
     * The most cover packets per real packet: each costs an RSA-PSS signature, two RSA-OAEP
     * encryptions and a request to every TX server.
     */
    public static final int MAX_COVER_PACKETS = 32;

    private final MeshClient client;
    private final HttpPeerClient tx;
    private final HttpPeerClient rx;
    private final int coverPackets;

    private OkHttpMeshClient(Builder builder) {
        this.client = builder.client;
        this.coverPackets = builder.coverPackets;
        this.tx = http(builder, builder.txProxy);
        this.rx = http(builder, builder.rxProxy);
    }

    private static HttpPeerClient http(Builder builder, ProxyChoice proxy) {
        // A base client of its own: its own pool and proxy, never shared with the other direction.
        OkHttpClient base = proxy.applyTo(new OkHttpClient.Builder()).build();
        HttpPeerClient.Builder http = HttpPeerClient.builder().base(base).maxResponseBytes(MAX_ANSWER_BYTES);
        if (builder.sslSocketFactory != null) {
            http.trust(builder.sslSocketFactory, builder.trustManager);
        }
        return http.build();
    }

    /**
     * A builder around {@code client}.
     *
     * @param client the pure client (key, clock, randomness, seen-message store)
     * @return the builder
     */
    public static Builder builder(MeshClient client) {
        return new Builder(client);
    }

    /**
     * The pure client inside.
     *
     * @return the client
     */
    public MeshClient client() {
        return client;
    }

    /**
     * Sends {@code sealed} to every TX server in {@code servers} (the hash is the same everywhere, so
     * a second copy is idempotent), mixed with the configured number of cover packets
     * ({@link Builder#coverPackets}): each server gets all of them, in one random order with the real
     * packet at a random position, every one the same size as the real one.
     *
     * @param servers the TX servers' origins
     * @param sealed  the sealed message
     * @return one outcome per server, in the order given
     * @throws IOException if no server accepted the real packet: the first failure, a
     *                     {@link MeshException} (as the cause) when a server refused it
     */
    public List<SendOutcome> send(List<URI> servers, SealedMessage sealed) throws IOException {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no TX server given");
        }
        List<MeshPacket> packets = client.withCover(sealed, coverPackets);
        List<SendOutcome> outcomes = new ArrayList<>();
        IOException first = null;
        for (URI server : servers) {
            boolean accepted = false;
            int coverAccepted = 0;
            String failure = null;
            for (MeshPacket packet : packets) {
                boolean real = packet.equals(sealed.packet());
                try {
                    HttpPeerClient.Answer answer = tx.post(endpoint(server, "/send"), client.sendBody(packet));
                    client.checkReply(answer.status(), answer.body());
                    if (real) {
                        accepted = true;
                    } else {
                        coverAccepted++;
                    }
                } catch (MeshException e) {
                    if (real) {
                        failure = server + " refused the packet: " + e.error().code();
                        first = first == null ? new IOException(failure, e) : first;
                    }
                } catch (IOException e) {
                    // Unreachable: the rest would fail the same way, each after a timeout.
                    failure = "cannot reach " + server + ": " + describe(e);
                    first = first == null ? new IOException(failure, e) : first;
                    break;
                }
            }
            outcomes.add(new SendOutcome(server, accepted, accepted ? null : failure, coverAccepted));
        }
        if (outcomes.stream().noneMatch(SendOutcome::accepted)) {
            throw first;
        }
        return outcomes;
    }

    /**
     * Fetches one page of this client's packets from an RX server ({@code POST /fetch/by_recipient},
     * signed for {@code server}) and opens them; packets that fail verification are dropped with a
     * security event by the pure client.
     *
     * @param server the RX server's origin
     * @return the messages, the hashes fetched (to discard) and whether more are waiting
     * @throws MeshException if the server refused
     * @throws IOException   if the server could not be reached
     */
    public FetchResult fetch(URI server) throws MeshException, IOException {
        HttpPeerClient.Answer answer =
                rx.post(endpoint(server, "/fetch/by_recipient"), client.fetchByRecipientRequest(origin(server)));
        return client.openFetchReply(answer.status(), answer.body());
    }

    /**
     * Discards fetched packets on an RX server ({@code POST /discard}, signed over the hashes).
     *
     * @param server the RX server's origin
     * @param hashes what to discard
     * @throws MeshException if the server refused
     * @throws IOException   if the server could not be reached
     */
    public void discard(URI server, List<PacketHash> hashes) throws MeshException, IOException {
        HttpPeerClient.Answer answer =
                rx.post(endpoint(server, "/discard"), client.discardRequest(origin(server), hashes));
        client.checkReply(answer.status(), answer.body());
    }

    /**
     * Fetches every waiting page from an RX server, discarding each page after it was read when
     * {@code discard} is set (so the next page holds new packets).
     *
     * @param server  the RX server's origin
     * @param discard whether to discard what was fetched
     * @return the messages in the order received
     * @throws MeshException if a request was refused
     * @throws IOException   if the server could not be reached
     */
    public List<ReceivedMessage> fetchAll(URI server, boolean discard) throws MeshException, IOException {
        List<ReceivedMessage> messages = new ArrayList<>();
        while (true) {
            FetchResult page = fetch(server);
            messages.addAll(page.messages());
            if (discard && !page.fetched().isEmpty()) {
                discard(server, page.fetched());
            }
            // Without discarding, the server would answer the same first page again.
            if (!page.more() || !discard || page.fetched().isEmpty()) {
                return messages;
            }
        }
    }

    /**
     * A server's load figure ({@code GET /status}), through the RX client.
     *
     * @param server the server's origin
     * @return its load
     * @throws MeshException if the server refused
     * @throws IOException   if the server could not be reached
     */
    public long load(URI server) throws MeshException, IOException {
        HttpPeerClient.Answer answer = rx.get(endpoint(server, "/status"));
        client.checkReply(answer.status(), answer.body());
        try {
            return MeshJson.decodeStatusLoad(answer.body(), MAX_ANSWER_BYTES);
        } catch (MeshWireException e) {
            throw new MeshException(e.error(), server + " answered /status with something else");
        }
    }

    /**
     * Chooses distinct TX and RX servers among {@code known} by their load ({@code GET /status},
     * asked through the RX client): the least loaded receives, the next {@code txCount} send
     * ({@link MeshClient#chooseServers}). Servers that cannot be reached or do not answer
     * {@code /status} as a mesh server are left out.
     *
     * @param known   the servers to choose from
     * @param txCount how many TX servers, at least one
     * @return the choice, TX and RX all distinct
     * @throws IOException              if fewer than {@code txCount + 1} distinct servers answered;
     *                                  the message names every server left out and why
     * @throws IllegalArgumentException if {@code txCount} is not positive
     */
    public ServerChoice choose(List<URI> known, int txCount) throws IOException {
        if (txCount < 1) {
            throw new IllegalArgumentException("txCount must be positive");
        }
        List<ServerLoad> loads = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (String server :
                known.stream().map(OkHttpMeshClient::origin).distinct().toList()) {
            try {
                loads.add(new ServerLoad(server, load(URI.create(server))));
            } catch (MeshException e) {
                leftOut.add(server + " (" + e.getMessage() + ")");
            } catch (IOException e) {
                leftOut.add(server + " (" + describe(e) + ")");
            }
        }
        if (loads.size() < txCount + 1) {
            throw new IOException("need " + (txCount + 1) + " distinct servers answering /status, " + loads.size()
                    + " did" + (leftOut.isEmpty() ? "" : "; left out: " + String.join(", ", leftOut)));
        }
        return client.chooseServers(loads, txCount);
    }

    /**
     * A server's peers with their scores ({@code GET /peers}), through the RX client.
     *
     * @param server the server's origin
     * @return the peers
     * @throws MeshException if the server refused
     * @throws IOException   if the server could not be reached
     */
    public List<PeerView> peers(URI server) throws MeshException, IOException {
        return peers(rx, server);
    }

    /**
     * A server's peers with their scores ({@code GET /peers}), which needs no client key.
     *
     * @param server the server's origin
     * @param proxy  the proxy to go through
     * @return the peers
     * @throws MeshException if the server refused
     * @throws IOException   if the server could not be reached
     */
    public static List<PeerView> peers(URI server, ProxyChoice proxy) throws MeshException, IOException {
        OkHttpClient base = proxy.applyTo(new OkHttpClient.Builder()).build();
        return peers(
                HttpPeerClient.builder()
                        .base(base)
                        .maxResponseBytes(MAX_ANSWER_BYTES)
                        .build(),
                server);
    }

    private static List<PeerView> peers(HttpPeerClient http, URI server) throws MeshException, IOException {
        HttpPeerClient.Answer answer = http.get(endpoint(server, "/peers"));
        if (answer.status() != 200) {
            MeshError error =
                    MeshJson.decodeError(answer.body(), MAX_ANSWER_BYTES).orElse(MeshError.MALFORMED);
            throw new MeshException(error, server + " refused /peers with HTTP " + answer.status());
        }
        try {
            return MeshJson.decodePeers(answer.body(), MAX_ANSWER_BYTES);
        } catch (MeshWireException e) {
            throw new MeshException(e.error(), server + " answered /peers with something else");
        }
    }

    /** The kind of failure, as the CLI reports it: {@code refused}, {@code timeout}, ... */
    private static String describe(IOException e) {
        return FailureKinds.of(e).name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static URI endpoint(URI server, String path) {
        return URI.create(origin(server) + path);
    }

    /** The origin of a server URL: scheme, host and port, without a path. */
    static String origin(URI server) {
        Objects.requireNonNull(server, "server");
        if (server.getScheme() == null || server.getHost() == null) {
            throw new IllegalArgumentException("a server URL is http[s]://host[:port]");
        }
        return server.getScheme() + "://" + server.getHost() + (server.getPort() >= 0 ? ":" + server.getPort() : "");
    }

    /**
     * What one TX server answered to a send.
     *
     * @param server        the server
     * @param accepted      whether it stored the real packet (or already held it)
     * @param failure       why not, when it did not
     * @param coverAccepted how many of the cover packets it stored
     */
    public record SendOutcome(URI server, boolean accepted, String failure, int coverAccepted) {}

    /** Configures an {@link OkHttpMeshClient}. */
    public static final class Builder {

        private final MeshClient client;
        private ProxyChoice txProxy = ProxyChoice.SYSTEM;
        private ProxyChoice rxProxy = ProxyChoice.SYSTEM;
        private SSLSocketFactory sslSocketFactory;
        private X509TrustManager trustManager;
        private int coverPackets;

        private Builder(MeshClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /**
         * The proxy for sending; default the JVM's settings.
         *
         * @param proxy the choice
         * @return this
         */
        public Builder txProxy(ProxyChoice proxy) {
            this.txProxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * The proxy for receiving; default the JVM's settings.
         *
         * @param proxy the choice
         * @return this
         */
        public Builder rxProxy(ProxyChoice proxy) {
            this.rxProxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * How many cover packets go with each real packet sent ({@link MeshClient#withCover}); default
         * 0. Each is addressed to this client itself, fills the real packet's size bucket and is
         * dropped silently when fetched back ({@code docs/mesh.md}, "Cover traffic").
         *
         * @param count 0 to {@link #MAX_COVER_PACKETS}
         * @return this
         * @throws IllegalArgumentException if {@code count} is out of range
         */
        public Builder coverPackets(int count) {
            if (count < 0 || count > MAX_COVER_PACKETS) {
                throw new IllegalArgumentException("cover packets must be 0 to " + MAX_COVER_PACKETS);
            }
            this.coverPackets = count;
            return this;
        }

        /**
         * Trust these certificates instead of the JDK's defaults.
         *
         * @param sslSocketFactory the socket factory
         * @param trustManager     the trust manager behind it
         * @return this
         */
        public Builder trust(SSLSocketFactory sslSocketFactory, X509TrustManager trustManager) {
            this.sslSocketFactory = Objects.requireNonNull(sslSocketFactory, "sslSocketFactory");
            this.trustManager = Objects.requireNonNull(trustManager, "trustManager");
            return this;
        }

        /**
         * The client.
         *
         * @return the client
         */
        public OkHttpMeshClient build() {
            return new OkHttpMeshClient(this);
        }
    }
}
