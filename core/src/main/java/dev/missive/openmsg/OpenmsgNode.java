package dev.missive.openmsg;

import dev.missive.crypto.Secret;
import dev.missive.event.EventListener;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.InvalidAddressException;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.model.ResponseCode;
import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.openmsg.spi.OpenmsgUser;
import dev.missive.openmsg.spi.PeerLocator;
import dev.missive.openmsg.spi.PeerTransport;
import dev.missive.openmsg.wire.OpenmsgJson;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An Openmsg 1.0 node: both handshake roles, both message roles, wire-compatible with the PHP
 * reference. Pure: it does no I/O of its own; peers are reached through the {@link PeerTransport},
 * state lives in the {@link OpenmsgStore}, time and randomness come from the {@link Clock} and
 * {@link RandomSource}. Thread-safe as long as the store is; calls are nested (serving
 * {@code auth/} calls the initiator back), so a transport must serve requests concurrently.
 *
 * <p>Server side: a transport passes each POST body to {@link #handle} and sends back the reply.
 * Local side (the host or CLI): {@link #addUser}, {@link #issuePassCode}, {@link #connect},
 * {@link #send}, {@link #inbox}; the host schedules {@link #cleanUp}.
 */
public final class OpenmsgNode {

    private final NodeContext ctx;
    private final HandshakeAcceptor acceptor;
    private final HandshakeInitiator initiator;
    private final MessageReceiver receiver;
    private final MessageSender sender;

    private OpenmsgNode(NodeContext ctx) {
        this.ctx = ctx;
        PeerCall peers = new PeerCall(ctx);
        this.acceptor = new HandshakeAcceptor(ctx, peers);
        this.initiator = new HandshakeInitiator(ctx, peers);
        this.receiver = new MessageReceiver(ctx, peers);
        this.sender = new MessageSender(ctx, peers);
    }

    /**
     * A builder; domain, store, transport, clock and random are required.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * This node's domain (lower case).
     *
     * @return the domain, e.g. {@code example.org}
     */
    public String domain() {
        return ctx.domain();
    }

    /**
     * This node's configuration.
     *
     * @return the tunables this node was built with
     */
    public OpenmsgConfig config() {
        return ctx.config();
    }

    /**
     * The address of local user {@code userId} on this node.
     *
     * @param userId the local user's numeric id
     * @return the address {@code userId*domain}
     * @throws InvalidAddressException if {@code userId} is not a valid address id
     */
    public OpenmsgAddress address(String userId) {
        return ctx.local(userId);
    }

    // ---- server side --------------------------------------------------------------------------------

    /**
     * Serves one inbound POST. Never throws for any input: bad input becomes the protocol's error
     * answer (HTTP 200 with {@code "error": true}, as the reference does) and stores nothing. An
     * unexpected failure of the store or of this code gives HTTP 500 with a generic error body.
     *
     * @param endpoint    which endpoint was called
     * @param requestBody the raw request body (the transport caps its size; it is checked again here)
     * @return the HTTP status and JSON body to answer with; never {@code null}
     */
    public OpenmsgReply handle(OpenmsgEndpoint endpoint, byte[] requestBody) {
        Objects.requireNonNull(endpoint, "endpoint");
        byte[] body = requestBody == null ? new byte[0] : requestBody;
        try {
            return switch (endpoint) {
                case AUTH -> ok(OpenmsgJson.authSuccess(acceptor.onAuth(body)));
                case AUTH_CONFIRM -> {
                    initiator.onAuthConfirm(body);
                    yield ok(OpenmsgJson.success());
                }
                case MESSAGE_RECEIVE -> {
                    receiver.onMessageReceive(body);
                    yield ok(OpenmsgJson.messageReply(ResponseCode.SM_S888, ""));
                }
                case MESSAGE_CONFIRM -> {
                    sender.onMessageConfirm(body);
                    yield ok(OpenmsgJson.success());
                }
            };
        } catch (HandshakeRejectedException e) {
            ctx.emit(new OpenmsgEvent.HandshakeRefused(ctx.clock().now(), endpoint, e.error()));
            return ok(OpenmsgJson.handshakeError(e.error().wireMessage()));
        } catch (MessageRejectedException e) {
            ctx.emit(new OpenmsgEvent.MessageRejected(ctx.clock().now(), endpoint, e.code()));
            return ok(OpenmsgJson.messageReply(e.code(), e.detail()));
        } catch (RuntimeException e) {
            ctx.emit(new OpenmsgEvent.InternalError(
                    ctx.clock().now(), endpoint, e.getClass().getName()));
            byte[] reply = switch (endpoint) {
                case AUTH, AUTH_CONFIRM -> OpenmsgJson.handshakeError("internal error");
                case MESSAGE_RECEIVE, MESSAGE_CONFIRM ->
                    OpenmsgJson.messageReply(ResponseCode.SM_E000, "internal error");
            };
            return new OpenmsgReply(500, reply);
        }
    }

    // ---- local operations ---------------------------------------------------------------------------

    /**
     * Adds a local user, or renames an existing one.
     *
     * @param id the user's numeric id, the local part of its address
     * @param displayName the name shown to peers during a handshake
     * @throws InvalidAddressException  if {@code id} is not digits (or too long with this domain)
     * @throws IllegalArgumentException if the name is not 1..40 characters without control characters
     *                                  (longer names break the reference's VARCHAR(40) silently)
     */
    public void addUser(String id, String displayName) {
        OpenmsgAddress address = ctx.local(id);
        Objects.requireNonNull(displayName, "displayName");
        if (!NodeContext.isValidDisplayName(displayName)) {
            throw new IllegalArgumentException("display name must be 1 to 40 characters without control characters");
        }
        ctx.store().putUser(new OpenmsgUser(address.id(), displayName));
    }

    /**
     * Issues a one-time pass code for local user {@code userId}: six digits from the RandomSource, valid
     * for {@link OpenmsgConfig#passCodeLifetime()}, single use. Issuing resets the user's failed-attempt
     * counter.
     *
     * @param userId the numeric id of the local user who gives the code out
     * @return the code, its user's address and its expiry; show the code to the user once
     * @throws IllegalArgumentException if the user does not exist
     */
    public PassCode issuePassCode(String userId) {
        if (ctx.store().user(userId).isEmpty()) {
            throw new IllegalArgumentException("no such local user");
        }
        byte[] digits = new byte[6];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = (byte) ('0' + ctx.random().nextInt(10));
        }
        Secret code = Secret.of(digits);
        Instant now = ctx.clock().now();
        Instant expiresAt = now.plus(ctx.config().passCodeLifetime());
        ctx.store().addPassCode(userId, code, now, expiresAt);
        ctx.emit(new OpenmsgEvent.PassCodeIssued(now, ctx.local(userId)));
        return new PassCode(ctx.local(userId), code, expiresAt);
    }

    /**
     * Runs the handshake as initiator: local user {@code self} connects to {@code other} with the pass
     * code {@code other}'s user gave out (six digits; {@link Secret#ofText} of what the user typed).
     * Blocks while the acceptor calls this node back.
     *
     * @param self the local user who connects; must be on this node's domain
     * @param other the peer user's address
     * @param passCode the pass code {@code other}'s user gave out
     * @return {@link ConnectResult.Connected} once both nodes hold the connection, else the typed
     *     reason of the failure
     */
    public ConnectResult connect(OpenmsgAddress self, OpenmsgAddress other, Secret passCode) {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(other, "other");
        return initiator.connect(self, other, passCode);
    }

    /**
     * Sends {@code text} from local user {@code from} to connected user {@code to}. Blocks during
     * delivery.
     *
     * @param from the local sender; must be connected to {@code to}
     * @param to the recipient's address
     * @param text the message text, at most {@link OpenmsgConfig#maxMessageChars()} characters
     * @return {@link SendResult.Sent} once the recipient's node accepted the message, else the
     *     typed reason of the failure
     */
    public SendResult send(OpenmsgAddress from, OpenmsgAddress to, String text) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return sender.send(from, to, text);
    }

    /**
     * The messages local user {@code userId} received, oldest first.
     *
     * @param userId the local user's numeric id
     * @return the received messages, possibly empty
     * @throws InvalidAddressException if {@code userId} is not a valid address id
     */
    public List<InboxMessage> inbox(String userId) {
        return ctx.store().inbox(ctx.local(userId));
    }

    /**
     * Deletes expired pass codes, pending handshakes and replay-guard entries, emits
     * {@link OpenmsgEvent.CleanedUp} and returns how many records it removed. The node never schedules
     * it: hosts call it periodically ({@code docs/ARCHITECTURE.md}, "The engine template").
     *
     * @return the number of records deleted
     */
    public int cleanUp() {
        Instant now = ctx.clock().now();
        int removed = ctx.store().purgeExpired(now);
        ctx.emit(new OpenmsgEvent.CleanedUp(now, removed));
        return removed;
    }

    private static OpenmsgReply ok(byte[] body) {
        return new OpenmsgReply(200, body);
    }

    /** Builds an {@link OpenmsgNode}. */
    public static final class Builder {
        private String domain;
        private OpenmsgStore store;
        private PeerTransport transport;
        private PeerLocator locator = PeerLocator.https();
        private Clock clock;
        private RandomSource random;
        private EventListener eventListener = EventListener.NONE;
        private OpenmsgConfig config = OpenmsgConfig.DEFAULTS;

        private Builder() {}

        /**
         * This node's domain (validated as an address domain, stored lower case). Required.
         *
         * @param domain the DNS name peers reach this node under, e.g. {@code example.org}
         * @return this builder
         */
        public Builder domain(String domain) {
            if (!OpenmsgAddress.isValidDomain(domain)) {
                throw new InvalidAddressException("node domain may contain only A-Z a-z 0-9 . - in non-empty labels");
            }
            this.domain = domain.toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * Where the node keeps its state. Required.
         *
         * @param store the store, e.g. an {@code InMemoryOpenmsgStore} or a {@code
         *     JdbcOpenmsgStore}
         * @return this builder
         */
        public Builder store(OpenmsgStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * How the node reaches peers. Required.
         *
         * @param transport the HTTP client, e.g. {@code OkHttpPeerTransport}
         * @return this builder
         */
        public Builder transport(PeerTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Maps peer domains to base URIs; default {@link PeerLocator#https()}.
         *
         * @param locator maps a peer's domain to its {@code /openmsg/} base URI
         * @return this builder
         */
        public Builder locator(PeerLocator locator) {
            this.locator = Objects.requireNonNull(locator, "locator");
            return this;
        }

        /**
         * The node's only source of time. Required.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The node's only source of randomness (codes, keys, nonces, salts). Required.
         *
         * @param random the randomness source; a {@code SecureRandom}-backed one in production
         * @return this builder
         */
        public Builder random(RandomSource random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Receives {@link OpenmsgEvent}s through {@link EventListener#onProtocolEvent}; default
         * {@link EventListener#NONE}. A listener that throws never disturbs a protocol step.
         *
         * @param eventListener the listener
         * @return this builder
         */
        public Builder eventListener(EventListener eventListener) {
            this.eventListener = Objects.requireNonNull(eventListener, "eventListener");
            return this;
        }

        /**
         * Tunables; default {@link OpenmsgConfig#DEFAULTS}.
         *
         * @param config the tunables
         * @return this builder
         */
        public Builder config(OpenmsgConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The node.
         *
         * @return a node that uses the parts given to this builder
         * @throws NullPointerException if a required part was not set; the message names it
         */
        public OpenmsgNode build() {
            Objects.requireNonNull(domain, "domain is required");
            Objects.requireNonNull(store, "store is required");
            Objects.requireNonNull(transport, "transport is required");
            Objects.requireNonNull(clock, "clock is required");
            Objects.requireNonNull(random, "random is required");
            return new OpenmsgNode(new NodeContext(
                    domain, store, transport, locator, clock, random, EventListener.contained(eventListener), config));
        }
    }
}
