package dev.missive.mesh;

import dev.missive.crypto.RsaPrivateKey;
import dev.missive.event.EventListener;
import dev.missive.event.FailureKind;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.MeshOrigin;
import dev.missive.mesh.model.ServerEntry;
import dev.missive.mesh.spi.PacketStore;
import dev.missive.mesh.spi.PeerRecord;
import dev.missive.mesh.spi.PeerStore;
import dev.missive.mesh.spi.StoredPacket;
import dev.missive.mesh.spi.TombstoneReason;
import dev.missive.mesh.spi.TombstoneStore;
import dev.missive.mesh.wire.MeshJson;
import dev.missive.mesh.wire.MeshWireException;
import dev.missive.mesh.wire.PeerView;
import dev.missive.mesh.wire.VersionInfo;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.spi.ReplayGuardStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A mesh relay server (Jasper J2 with Missive's security; J1 and D0 when enabled). Pure: no I/O, no
 * threads; a transport passes each request to {@link #handle} and, on its own schedule, drives sync
 * with {@link #startSync}/{@link #startServerExchange} → {@link #onReply}/{@link #onCallFailed}, and
 * calls {@link #cleanUp}. Thread-safe as long as the stores are.
 *
 * <p>Bad input never throws: it becomes a {@link MeshError} reply and nothing is stored. An
 * unexpected failure (a store down, a bug) gives HTTP 500 {@code {"error":"internal"}}.
 */
public final class MeshServer {

    private final ServerContext ctx;
    private final PeerRegistry registry;
    private final ClientEndpoints clients;
    private final SyncResponder responder;
    private final SyncDriver driver;
    private final PacketIntake intake;
    private final LoadMeter load = new LoadMeter();

    private MeshServer(ServerContext ctx) {
        this.ctx = ctx;
        PacketValidator validator = new PacketValidator(ctx);
        RequestVerifier verifier = new RequestVerifier(ctx);
        this.registry = new PeerRegistry(ctx);
        this.intake = new PacketIntake(ctx, verifier);
        this.clients = new ClientEndpoints(ctx, validator, verifier, intake, registry);
        this.responder = new SyncResponder(ctx, validator, verifier, intake, registry);
        this.driver = new SyncDriver(ctx, validator, intake, registry);
    }

    /**
     * A builder; origin, server key, the three stores, the replay guard, clock and random are required.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The origin clients sign as {@code audience} and peers know this server by.
     *
     * @return the normalized origin, e.g. {@code https://mesh.example.org}
     */
    public String origin() {
        return ctx.origin();
    }

    /**
     * This server's configuration.
     *
     * @return the configuration the server was built with
     */
    public MeshConfig config() {
        return ctx.config();
    }

    /**
     * This server's signed entry, as it appears in server lists.
     *
     * @return the entry signed with the server key
     */
    public ServerEntry entry() {
        return ctx.ownEntry(ctx.now());
    }

    // ---- serving ------------------------------------------------------------------------------------

    /**
     * Serves one request. Never throws for any input.
     *
     * @param endpoint the endpoint called (the transport maps method and path with {@link MeshEndpoint#find})
     * @param body     the request body (empty for GET; the transport caps its size, it is checked again here)
     * @return the status and JSON body to answer with
     */
    public MeshReply handle(MeshEndpoint endpoint, byte[] body) {
        Objects.requireNonNull(endpoint, "endpoint");
        byte[] input = body == null ? new byte[0] : body;
        Instant now = ctx.now();
        load.record(now);
        try {
            byte[] reply = switch (endpoint) {
                case SEND -> clients.send(input, now);
                case FETCH -> clients.legacyFetch(input, now);
                case FETCH_BY_RECIPIENT -> clients.fetchByRecipient(input, now);
                case FETCH_BY_HASH -> clients.fetchByHash(input, now);
                case DISCARD -> clients.discard(input, now);
                case SYNC_HASHES -> responder.hashes(input, now);
                case SYNC_PUSH -> responder.push(input, now);
                case SYNC_SERVERS -> syncServers(input, now);
                case SERVERS -> MeshJson.encodeServerList(driver.serverList(now));
                case STATUS ->
                    MeshJson.encodeStatus(load.load(now), ctx.packets().countLive(now));
                case VERSION ->
                    MeshJson.encodeVersion(new VersionInfo(
                            ctx.config().profiles().stream().sorted().toList(),
                            ctx.origin(),
                            Optional.of(ctx.serverKeyText())));
                case PEERS -> MeshJson.encodePeers(peerViews());
            };
            return new MeshReply(200, reply);
        } catch (MeshWireException e) {
            ctx.emit(new MeshEvent.RequestRefused(now, endpoint, e.error(), Optional.empty()));
            return new MeshReply(e.error().httpStatus(), MeshJson.encodeError(e.error()));
        } catch (RuntimeException e) {
            ctx.emit(new MeshEvent.InternalError(now, endpoint, e.getClass().getName()));
            return new MeshReply(500, MeshJson.encodeError(MeshError.INTERNAL));
        }
    }

    private byte[] syncServers(byte[] body, Instant now) throws MeshWireException {
        List<ServerEntry> entries = MeshJson.decodeServerList(body, ctx.config().maxSyncBodyBytes());
        registry.learn(entries, Optional.empty(), now);
        return MeshJson.encodeServerList(driver.serverList(now));
    }

    private List<PeerView> peerViews() {
        List<PeerView> views = new ArrayList<>();
        for (PeerRecord peer : ctx.peers().all()) {
            views.add(new PeerView(
                    peer.url(),
                    peer.key(),
                    peer.score(),
                    peer.status().name().toLowerCase(Locale.ROOT),
                    peer.lastSync().map(Instant::toEpochMilli)));
        }
        return views;
    }

    // ---- peers and sync -----------------------------------------------------------------------------

    /**
     * Adds a peer the operator configured (its key is pinned from its first signed entry).
     *
     * @param url an {@code http[s]://host[:port]} origin
     * @return true if added, false if already known or this server's own origin
     * @throws IllegalArgumentException if {@code url} is not an http(s) origin
     */
    public boolean addPeer(String url) {
        return registry.addConfigured(url, ctx.now());
    }

    /**
     * Every known peer with its score and status, ordered by URL.
     *
     * @return a snapshot of the peers
     */
    public List<PeerRecord> peers() {
        return ctx.peers().all();
    }

    /**
     * The origins of the active peers: whom the transport syncs with, each round.
     *
     * @return the active peers' origins; empty if there are none
     */
    public List<String> syncTargets() {
        return registry.activeUrls();
    }

    /**
     * Starts a sync round with {@code peerUrl}: the first page of this server's hashes.
     *
     * @return the calls to make (empty when the peer is unknown or dropped)
     * @param peerUrl the peer's origin
     */
    public List<MeshCall> startSync(String peerUrl) {
        return driver.startSync(peerUrl, ctx.now());
    }

    /**
     * Starts a server-list exchange with {@code peerUrl} ({@code POST /sync/servers}).
     *
     * @param peerUrl the peer's origin
     * @return the call to make (empty when the peer is unknown or dropped)
     */
    public List<MeshCall> startServerExchange(String peerUrl) {
        return driver.startServerExchange(peerUrl, ctx.now());
    }

    /**
     * Takes the peer's answer to {@code call} and returns the calls to make next (fetches, pushes,
     * the next page). Never throws for a bad answer: the peer is scored down instead.
     *
     * @param call       a call this server returned
     * @param httpStatus the peer's HTTP status
     * @param body       the peer's body
     * @return the calls to make next; empty when the round with that peer is over
     */
    public List<MeshCall> onReply(MeshCall call, int httpStatus, byte[] body) {
        Objects.requireNonNull(call, "call");
        Instant now = ctx.now();
        try {
            return driver.onReply(call, httpStatus, body == null ? new byte[0] : body, now);
        } catch (RuntimeException e) {
            ctx.emit(new MeshEvent.InternalError(
                    now, call.endpoint(), e.getClass().getName()));
            return List.of();
        }
    }

    /**
     * Records that {@code call} got no answer (the round with that peer ends here).
     *
     * @param call a call this server returned
     * @param reason what went wrong, as far as the transport can tell
     */
    public void onCallFailed(MeshCall call, FailureKind reason) {
        driver.onCallFailed(Objects.requireNonNull(call, "call"), Objects.requireNonNull(reason, "reason"), ctx.now());
    }

    /**
     * Removes expired packets (leaving tombstones), expired tombstones and expired nonces; emits
     * {@link MeshEvent.CleanedUp} and returns how many records it removed. Hosts call it periodically.
     *
     * @return how many packets, tombstones and nonces it removed
     */
    public int cleanUp() {
        Instant now = ctx.now();
        int removed = 0;
        while (true) {
            List<StoredPacket> expired = ctx.packets().expired(now, 1000);
            for (StoredPacket packet : expired) {
                intake.bury(packet, TombstoneReason.EXPIRED, Optional.empty(), now);
            }
            removed += expired.size();
            if (expired.size() < 1000) {
                break;
            }
        }
        removed += ctx.tombstones().purgeExpired(now);
        removed += ctx.replayGuard().purgeExpired(now);
        ctx.emit(new MeshEvent.CleanedUp(now, removed));
        return removed;
    }

    /** Builds a {@link MeshServer}. */
    public static final class Builder {
        private String origin;
        private RsaPrivateKey serverKey;
        private PacketStore packetStore;
        private TombstoneStore tombstoneStore;
        private PeerStore peerStore;
        private ReplayGuardStore replayGuard;
        private Clock clock;
        private RandomSource random;
        private EventListener eventListener = EventListener.NONE;
        private MeshConfig config = MeshConfig.DEFAULTS;

        private Builder() {}

        /**
         * The origin clients sign as {@code audience} ({@code http[s]://host[:port]}, normalized:
         * lower case, no default port, no path). Required.
         *
         * @throws IllegalArgumentException if it is not an http(s) origin
         * @param origin the server's origin
         * @return this builder
         */
        public Builder origin(String origin) {
            this.origin = MeshOrigin.normalize(origin)
                    .orElseThrow(() -> new IllegalArgumentException("origin must be http[s]://host[:port]"));
            return this;
        }

        /**
         * The server's RSA-4096 signing key (server entries, sync requests). Required.
         *
         * @param serverKey the signing key, kept by the server for its lifetime
         * @return this builder
         */
        public Builder serverKey(RsaPrivateKey serverKey) {
            Objects.requireNonNull(serverKey, "serverKey");
            if (serverKey.publicKey().modulusBits() != PacketValidator.J2_KEY_BITS) {
                throw new IllegalArgumentException("the server key must be RSA-4096");
            }
            this.serverKey = serverKey;
            return this;
        }

        /**
         * Where packets live. Required.
         *
         * @param packetStore the packet store
         * @return this builder
         */
        public Builder packetStore(PacketStore packetStore) {
            this.packetStore = Objects.requireNonNull(packetStore, "packetStore");
            return this;
        }

        /**
         * Where tombstones live. Required.
         *
         * @param tombstoneStore the tombstone store
         * @return this builder
         */
        public Builder tombstoneStore(TombstoneStore tombstoneStore) {
            this.tombstoneStore = Objects.requireNonNull(tombstoneStore, "tombstoneStore");
            return this;
        }

        /**
         * Where peers, scores and availability checks live. Required.
         *
         * @param peerStore the peer store
         * @return this builder
         */
        public Builder peerStore(PeerStore peerStore) {
            this.peerStore = Objects.requireNonNull(peerStore, "peerStore");
            return this;
        }

        /**
         * Where used request nonces live (scope {@code mesh.nonce}). Required.
         *
         * @param replayGuard the store of used nonces
         * @return this builder
         */
        public Builder replayGuard(ReplayGuardStore replayGuard) {
            this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
            return this;
        }

        /**
         * The server's only source of time. Required.
         *
         * @param clock the clock stamping packets, requests and events
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The server's only source of randomness (nonces). Required.
         *
         * @param random the random source for request nonces
         * @return this builder
         */
        public Builder random(RandomSource random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Receives {@link MeshEvent}s; default {@link EventListener#NONE}.
         *
         * @param eventListener the listener; it must not block
         * @return this builder
         */
        public Builder eventListener(EventListener eventListener) {
            this.eventListener = Objects.requireNonNull(eventListener, "eventListener");
            return this;
        }

        /**
         * Tunables; default {@link MeshConfig#DEFAULTS}.
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder config(MeshConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The server.
         *
         * @return a server using the stores and sources given
         */
        public MeshServer build() {
            Objects.requireNonNull(origin, "origin is required");
            Objects.requireNonNull(serverKey, "serverKey is required");
            Objects.requireNonNull(packetStore, "packetStore is required");
            Objects.requireNonNull(tombstoneStore, "tombstoneStore is required");
            Objects.requireNonNull(peerStore, "peerStore is required");
            Objects.requireNonNull(replayGuard, "replayGuard is required");
            Objects.requireNonNull(clock, "clock is required");
            Objects.requireNonNull(random, "random is required");
            return new MeshServer(new ServerContext(
                    origin,
                    serverKey,
                    packetStore,
                    tombstoneStore,
                    peerStore,
                    replayGuard,
                    clock,
                    random,
                    EventListener.contained(eventListener),
                    config));
        }
    }
}
