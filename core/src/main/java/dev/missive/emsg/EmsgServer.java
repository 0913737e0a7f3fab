package dev.missive.emsg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgPublicKey;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.spi.Account;
import dev.missive.emsg.spi.AccountStore;
import dev.missive.emsg.spi.GroupStore;
import dev.missive.emsg.spi.InboxStore;
import dev.missive.emsg.spi.OutboxStore;
import dev.missive.emsg.spi.PeerTransport;
import dev.missive.emsg.spi.ProfileStore;
import dev.missive.emsg.wire.EmsgJson;
import dev.missive.emsg.wire.Ids;
import dev.missive.event.EventListener;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.spi.ReplayGuardStore;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The EMSG server engine for one domain, without I/O ({@code docs/emsg.md}). A transport opens an
 * {@link EmsgSession} per accepted connection and feeds it lines; it drains the federation outbox with
 * {@link #nextDue} and drives outgoing server-to-server connections with {@link PeerLink}. Keys,
 * accounts, groups, profiles, inboxes and the outbox live in the stores; seen message ids in the
 * replay guard.
 *
 * <p>Thread-safe: sessions run on different threads; group changes are serialised per group.
 */
public final class EmsgServer {

    /** Replay-guard scope of messages accepted from their author's client or home server. */
    static final String SEEN_SCOPE = "emsg.seen";

    /** Replay-guard scope of group messages relayed to us by the group's origin server. */
    static final String RELAYED_SCOPE = "emsg.relayed";

    private static final PeerTransport NO_TRANSPORT = new PeerTransport() {
        @Override
        public String fetchDomainKey(String domain) throws IOException {
            throw new IOException("no peer transport configured");
        }

        @Override
        public String fetchUserKeys(EmsgAddress address) throws IOException {
            throw new IOException("no peer transport configured");
        }

        @Override
        public String request(String domain, String line) throws IOException {
            throw new IOException("no peer transport configured");
        }
    };

    final String domain;
    final EmsgSigningKey domainKey;
    final AccountStore accounts;
    final GroupStore groups;
    final ProfileStore profiles;
    final InboxStore inbox;
    final OutboxStore outbox;
    final ReplayGuardStore seen;
    final PeerTransport transport;
    final Clock clock;
    final RandomSource random;
    final EmsgConfig config;
    private final EventListener events;

    final KnownAccounts knownAccounts;
    final KnownContacts knownContacts;
    final KeyDirectory keys;
    final RateLimiter limiter;
    final GroupEngine groupEngine;
    final Outbox outboxLogic;
    final Profiles profileLogic;
    final Router router;

    private EmsgServer(Builder b) {
        this.domain = b.domain;
        this.domainKey = b.domainKey;
        this.accounts = b.accounts;
        this.groups = b.groups;
        this.profiles = b.profiles;
        this.inbox = b.inbox;
        this.outbox = b.outbox;
        this.seen = b.seen;
        this.transport = b.transport == null ? NO_TRANSPORT : b.transport;
        this.clock = b.clock;
        this.random = b.random;
        this.config = b.config;
        this.events = EventListener.contained(b.events);
        this.knownAccounts = new KnownAccounts(accounts);
        this.knownContacts = new KnownContacts(profiles);
        this.keys = new KeyDirectory(this);
        this.limiter = new RateLimiter(clock);
        this.groupEngine = new GroupEngine(this);
        this.outboxLogic = new Outbox(this);
        this.profileLogic = new Profiles(this);
        this.router = new Router(this);
    }

    /**
     * A builder: domain, domain key, every store, clock and random source are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The domain this server is home for (lower case).
     *
     * @return the lower-case domain
     */
    public String domain() {
        return domain;
    }

    /**
     * The public half of the domain key, as peers pin it.
     *
     * @return the domain's public key
     */
    public EmsgPublicKey domainPublicKey() {
        return domainKey.publicKey();
    }

    /**
     * The configuration.
     *
     * @return the configuration the server was built with
     */
    public EmsgConfig config() {
        return config;
    }

    /**
     * Starts a session for an accepted connection (a client or a peer server). The transport feeds it
     * every line it reads with {@link EmsgSession#onLine} and writes each reply.
     *
     * @return the session
     */
    public EmsgSession openSession() {
        return new EmsgSession(this);
    }

    /**
     * Starts the client side of an outgoing server-to-server connection to {@code peerDomain}.
     *
     * @param peerDomain the domain being connected to
     * @return the handshake driver
     */
    public PeerLink openPeerLink(String peerDomain) {
        return new PeerLink(this, EmsgAddress.checkDomain(peerDomain));
    }

    /**
     * Creates an account directly: the operator's way to add users to a server with closed registration.
     *
     * @param address an address of this domain
     * @param key     its first key
     * @return true if created, false if it exists
     * @throws IllegalArgumentException if the address is not on this domain or is reserved
     */
    public boolean addAccount(EmsgAddress address, EmsgPublicKey key) {
        if (!address.domain().equals(domain) || address.isSystem()) {
            throw new IllegalArgumentException("not a user address of " + domain);
        }
        return accounts.create(new Account(address, List.of(key), clock.now()));
    }

    /**
     * Outbox entries due now, leased to the caller for {@link EmsgConfig#deliveryLease()}: first the
     * entries of messages this engine accepted since the last call, which were stored already leased
     * and so need no store write here, then entries leased from the store. Expired entries are given
     * up on the way (with a {@code delivery_failed} notice to their local sender).
     *
     * @param limit at most this many
     * @return the deliveries to attempt
     */
    public List<OutboundDelivery> nextDue(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return outboxLogic.nextDue(limit);
    }

    /**
     * Reports the peer's reply to a delivery: {@code ack} or {@code 409} mean delivered; {@code 429}
     * retries after the peer's {@code retry_after}; {@code 5xx} and {@code 401} retry with backoff; other
     * errors give the message up with a notice to its sender.
     *
     * @param delivery the delivery
     * @param replyLine the line the peer answered
     */
    public void onDeliveryReply(OutboundDelivery delivery, String replyLine) {
        outboxLogic.onReplies(List.of(new DeliveryReply(Objects.requireNonNull(delivery, "delivery"), replyLine)));
    }

    /**
     * Reports the replies to several deliveries, as {@link #onDeliveryReply} does for each, with the
     * delivered entries removed from the outbox in one store write: a transport that sends several
     * lines before reporting saves a commit per message.
     *
     * @param replies the deliveries and the lines their peers answered
     */
    public void onDeliveryReplies(List<DeliveryReply> replies) {
        outboxLogic.onReplies(List.copyOf(replies));
    }

    /**
     * Reports that a delivery could not be attempted or got no reply (peer unreachable, connection lost,
     * timeout): it is retried with exponential backoff and jitter until it expires.
     *
     * @param delivery the delivery
     */
    public void onDeliveryFailure(OutboundDelivery delivery) {
        outboxLogic.onFailure(Objects.requireNonNull(delivery, "delivery"));
    }

    /**
     * Deletes expired state: replay-guard entries past the seen window, inbox entries past retention,
     * idle rate-limit buckets; reports {@link EmsgEvent.CleanedUp}.
     *
     * @return the number of records removed
     */
    public int cleanUp() {
        Instant now = clock.now();
        int removed = seen.purgeExpired(now)
                + inbox.deleteReceivedBefore(now.minus(config.inboxRetention()))
                + limiter.forgetIdle(now);
        emit(new EmsgEvent.CleanedUp(now, removed));
        return removed;
    }

    void emit(EmsgEvent event) {
        events.onProtocolEvent(event);
    }

    /** An unsigned server notice from {@code system#domain} to {@code recipient}. */
    ObjectNode notice(SystemEvent event, EmsgAddress recipient) {
        ObjectNode notice = EmsgJson.object();
        notice.put("type", "system");
        notice.put("id", Ids.uuid(random));
        notice.put("event", event.wireName());
        notice.put("sender", EmsgAddress.system(domain).toString());
        notice.put("recipient", recipient.toString());
        notice.put("timestamp", clock.now().toEpochMilli());
        return notice;
    }

    /** Builds an {@link EmsgServer}. */
    public static final class Builder {
        private String domain;
        private EmsgSigningKey domainKey;
        private AccountStore accounts;
        private GroupStore groups;
        private ProfileStore profiles;
        private InboxStore inbox;
        private OutboxStore outbox;
        private ReplayGuardStore seen;
        private PeerTransport transport;
        private Clock clock;
        private RandomSource random;
        private EventListener events = EventListener.NONE;
        private EmsgConfig config = EmsgConfig.DEFAULTS;

        private Builder() {}

        /**
         * The domain this server is home for.
         *
         * @param value a domain name
         * @return this builder
         */
        public Builder domain(String value) {
            this.domain = EmsgAddress.checkDomain(value);
            return this;
        }

        /**
         * The domain key: signs server-to-server authentication, key answers and server notices.
         *
         * @param value the key
         * @return this builder
         */
        public Builder domainKey(EmsgSigningKey value) {
            this.domainKey = value;
            return this;
        }

        /**
         * Accounts, keys and pinned domain keys.
         *
         * @param value the store
         * @return this builder
         */
        public Builder accountStore(AccountStore value) {
            this.accounts = value;
            return this;
        }

        /**
         * Groups whose origin is this server.
         *
         * @param value the store
         * @return this builder
         */
        public Builder groupStore(GroupStore value) {
            this.groups = value;
            return this;
        }

        /**
         * Profiles and contacts.
         *
         * @param value the store
         * @return this builder
         */
        public Builder profileStore(ProfileStore value) {
            this.profiles = value;
            return this;
        }

        /**
         * Inboxes.
         *
         * @param value the store
         * @return this builder
         */
        public Builder inboxStore(InboxStore value) {
            this.inbox = value;
            return this;
        }

        /**
         * The federation outbox.
         *
         * @param value the store
         * @return this builder
         */
        public Builder outboxStore(OutboxStore value) {
            this.outbox = value;
            return this;
        }

        /**
         * Seen message ids (scopes {@code emsg.seen} and {@code emsg.relayed}).
         *
         * @param value the shared replay guard
         * @return this builder
         */
        public Builder replayGuardStore(ReplayGuardStore value) {
            this.seen = value;
            return this;
        }

        /**
         * How to ask peer servers for keys and profiles. Optional: without it every remote lookup
         * answers {@code 503} (a server that does not federate).
         *
         * @param value the transport
         * @return this builder
         */
        public Builder transport(PeerTransport value) {
            this.transport = value;
            return this;
        }

        /**
         * The only source of time.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * The only source of randomness (challenges, ids, jitter).
         *
         * @param value the source
         * @return this builder
         */
        public Builder random(RandomSource value) {
            this.random = value;
            return this;
        }

        /**
         * Typed events; default none.
         *
         * @param value the listener
         * @return this builder
         */
        public Builder eventListener(EventListener value) {
            this.events = Objects.requireNonNull(value, "eventListener");
            return this;
        }

        /**
         * Tunables; default {@link EmsgConfig#DEFAULTS}.
         *
         * @param value the configuration
         * @return this builder
         */
        public Builder config(EmsgConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * Builds the server.
         *
         * @return the server
         * @throws NullPointerException naming the first missing required part
         */
        public EmsgServer build() {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(domainKey, "domainKey");
            Objects.requireNonNull(accounts, "accountStore");
            Objects.requireNonNull(groups, "groupStore");
            Objects.requireNonNull(profiles, "profileStore");
            Objects.requireNonNull(inbox, "inboxStore");
            Objects.requireNonNull(outbox, "outboxStore");
            Objects.requireNonNull(seen, "replayGuardStore");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(random, "random");
            return new EmsgServer(this);
        }
    }
}
