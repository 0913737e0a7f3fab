package dev.missive.smp;

import dev.missive.event.EventListener;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.MessageStore;
import dev.missive.smp.spi.QueueSignal;
import dev.missive.smp.spi.QueueStore;
import dev.missive.smp.spi.SmpCluster;
import dev.missive.smp.spi.StoredMessage;
import dev.missive.smp.wire.CommandParser;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SMP server engine (seed dialect), without I/O. A transport opens one {@link ServerSession}
 * per connection and feeds it the bytes it reads; the engine answers through the session's
 * {@link TransmissionSink}. Queue records and messages live in the stores; which connection is
 * subscribed to which queue lives here, because a subscription ends with its connection.
 *
 * <p>Thread-safe: sessions run on different threads. Commands that touch a queue's delivery state
 * (subscribe, acknowledge, push on send, delete, close) hold that queue's lock, taken from a fixed
 * set of lock stripes ({@link QueueLocks}), so one message at a time is outstanding per queue and
 * {@code END} is the last thing a replaced subscriber gets for the queue.
 *
 * <p>Several instances may share one database: each tells the others about its changes through an
 * {@link SmpCluster} and hears theirs through {@link #onRemoteSignal}, so a message stored by one
 * reaches the subscriber connected to another, and one subscriber per queue holds across them
 * ({@code docs/smp.md}, "Several instances on one database").
 */
public final class SmpServer {

    static final int QUEUE_ID_LENGTH = 12;
    static final int MSG_ID_LENGTH = 8;
    static final int CREATE_ATTEMPTS = 3;

    final QueueStore queues;
    final MessageStore messages;
    final Clock clock;
    final RandomSource random;
    final SignatureScheme scheme;
    final SmpConfig config;
    final CommandParser parser;
    final SmpCluster cluster;
    private final EventListener events;

    /** Subscriptions by recipient ID; entries change only under the queue's lock. */
    final ConcurrentHashMap<QueueId, Subscription> subscriptions = new ConcurrentHashMap<>();

    final QueueLocks queueLocks = new QueueLocks();

    /** A connection's subscription to a queue; {@code awaitingAck} is the msgId delivered and not yet acknowledged. */
    static final class Subscription {
        final ServerSession session;
        byte[] awaitingAck;

        Subscription(ServerSession session) {
            this.session = session;
        }
    }

    private SmpServer(Builder b) {
        // Alone on its stores, the server is the one writer of its queue records and keeps those it
        // read; the in-memory store needs no copy.
        this.queues = b.cluster == SmpCluster.SINGLE && !(b.queues instanceof InMemoryQueueStore)
                ? new CachedQueueStore(b.queues)
                : b.queues;
        this.messages = b.messages;
        this.clock = b.clock;
        this.random = b.random;
        this.events = EventListener.contained(b.events);
        this.scheme = b.scheme;
        this.config = b.config;
        this.parser = new CommandParser(b.config.ackWithMsgId());
        this.cluster = b.cluster;
    }

    /**
     * A builder; stores, clock and random source are required, everything else has a default.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a session for a new transport connection. The transport feeds it bytes with
     * {@link ServerSession#onBytes} and calls {@link ServerSession#close} when the connection ends.
     *
     * @param sink where the session writes its replies and pushes; called from any thread
     * @return the session of this connection
     */
    public ServerSession openSession(TransmissionSink sink) {
        return new ServerSession(this, Objects.requireNonNull(sink, "sink"));
    }

    /**
     * Removes every stored message older than the message TTL and reports
     * {@link SmpEvent.CleanedUp}. Hosts call it periodically; the engine also drops expired
     * messages lazily when it reaches them.
     *
     * @return the number of messages removed
     */
    public int cleanUp() {
        Instant now = clock.now();
        int removed = messages.expireOlderThan(now.minus(config.messageTtl()));
        emit(new SmpEvent.CleanedUp(now, removed));
        return removed;
    }

    /**
     * Acts on a change committed by another instance sharing this server's stores: pushes the head
     * message to an idle local subscriber, sends {@code END} to a local subscriber whose queue another
     * instance subscribed to, ends the local subscription of a deleted queue. The host calls it with
     * every signal of the other instances, in the order received.
     *
     * @param signal the change another instance committed
     */
    public void onRemoteSignal(QueueSignal signal) {
        QueueId rid = signal.recipientId();
        queueLocks.withLock(rid, () -> {
            Subscription sub = subscriptions.get(rid);
            if (sub == null) {
                return;
            }
            switch (signal.kind()) {
                case MESSAGE_STORED -> pushIfIdle(rid, sub);
                case SUBSCRIBED -> endIfTakenOver(rid, sub);
                case DELETED -> {
                    subscriptions.remove(rid);
                    sub.session.unsubscribed(rid);
                }
            }
        });
    }

    /**
     * Brings every local subscription up to date after signals may have been lost (the host's
     * connection to the other instances was interrupted): ends those another instance took over and
     * delivers to the others whatever arrived meanwhile.
     */
    public void onSignalsLost() {
        for (QueueId rid : subscriptions.keySet()) {
            queueLocks.withLock(rid, () -> {
                Subscription sub = subscriptions.get(rid);
                if (sub != null && !endIfTakenOver(rid, sub)) {
                    pushIfIdle(rid, sub);
                }
            });
        }
    }

    /** Sends {@code END} to {@code sub} if another instance claimed the queue; caller holds the queue lock. */
    private boolean endIfTakenOver(QueueId rid, Subscription sub) {
        if (cluster.holdsSubscription(rid)) {
            return false;
        }
        endSubscription(rid, sub);
        return true;
    }

    /** Ends {@code sub}, replaced by another subscriber, with {@code END}; caller holds the queue lock. */
    void endSubscription(QueueId rid, Subscription sub) {
        subscriptions.remove(rid, sub);
        sub.session.unsubscribed(rid);
        sub.session.push(rid, new ServerMessage.End());
        emit(new SmpEvent.SubscriberReplaced(clock.now()));
    }

    /**
     * The tunables this server runs with.
     *
     * @return the configuration this server was built with
     */
    public SmpConfig config() {
        return config;
    }

    /**
     * Number of queues that currently have a subscriber.
     *
     * @return the number of subscribed queues on this instance
     */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    /** The oldest message of the queue that is not past its TTL, dropping expired ones on the way. */
    StoredMessage head(QueueId recipientId) {
        return unexpiredHead(recipientId, messages.peek(recipientId).orElse(null));
    }

    /**
     * {@code head}, already read from the store, if it is not past its TTL; otherwise the oldest
     * message that is not, dropping expired ones on the way.
     */
    StoredMessage unexpiredHead(QueueId recipientId, StoredMessage head) {
        Instant cutoff = clock.now().minus(config.messageTtl());
        while (head != null && head.receivedAt().isBefore(cutoff)) {
            head = messages.deleteHeadAndPeek(recipientId, head.msgId()).orElse(null);
            emit(new SmpEvent.MessagesExpired(clock.now(), 1));
        }
        return head;
    }

    /** Delivers the queue's head to {@code sub} if nothing is outstanding; caller holds the queue lock. */
    void pushIfIdle(QueueId recipientId, Subscription sub) {
        pushIfIdle(recipientId, sub, null);
    }

    /**
     * {@link #pushIfIdle(QueueId, Subscription)} with the head already known to the caller (a message
     * it has just stored into an empty queue), or null to read it; caller holds the queue lock.
     */
    void pushIfIdle(QueueId recipientId, Subscription sub, StoredMessage knownHead) {
        if (sub.awaitingAck != null) {
            return;
        }
        StoredMessage head = knownHead != null ? knownHead : head(recipientId);
        if (head != null) {
            sub.awaitingAck = head.msgId();
            sub.session.push(recipientId, toMsg(head));
            emit(new SmpEvent.MessageDelivered(clock.now()));
        }
    }

    static ServerMessage.Msg toMsg(StoredMessage m) {
        return new ServerMessage.Msg(m.msgId(), m.receivedAt(), m.body());
    }

    /** Reports an event; the listener is contained, so it never disturbs the protocol. */
    void emit(SmpEvent event) {
        events.onProtocolEvent(event);
    }

    /** Configuration of an {@link SmpServer}. */
    public static final class Builder {
        private QueueStore queues;
        private MessageStore messages;
        private Clock clock;
        private RandomSource random;
        private EventListener events = EventListener.NONE;
        private SignatureScheme scheme = SignatureScheme.standard();
        private SmpConfig config = SmpConfig.DEFAULTS;
        private SmpCluster cluster = SmpCluster.SINGLE;

        private Builder() {}

        /**
         * Source of timestamps and expiry (required: the host passes {@link Clock#system()} or its
         * own).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Source of queue and message IDs (required: the host passes {@link RandomSource#secure()}
         * or its own).
         *
         * @param value the randomness source
         * @return this builder
         */
        public Builder random(RandomSource value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * Where queue records live (required).
         *
         * @param store the queue store, e.g. {@code InMemoryQueueStore} or {@code JdbcQueueStore}
         * @return this builder
         */
        public Builder queueStore(QueueStore store) {
            this.queues = Objects.requireNonNull(store, "queueStore");
            return this;
        }

        /**
         * Where messages live (required).
         *
         * @param store the message store, e.g. {@code InMemoryMessageStore} or {@code
         *     JdbcMessageStore}
         * @return this builder
         */
        public Builder messageStore(MessageStore store) {
            this.messages = Objects.requireNonNull(store, "messageStore");
            return this;
        }

        /**
         * Receives {@link SmpEvent}s (default: {@link EventListener#NONE}); an exception it throws
         * is dropped.
         *
         * @param value the listener
         * @return this builder
         */
        public Builder eventListener(EventListener value) {
            this.events = Objects.requireNonNull(value, "eventListener");
            return this;
        }

        /**
         * Key format and signatures (default: {@link SignatureScheme#standard()}).
         *
         * @param value the scheme
         * @return this builder
         */
        public Builder signatureScheme(SignatureScheme value) {
            this.scheme = Objects.requireNonNull(value, "signatureScheme");
            return this;
        }

        /**
         * Tunables (default: {@link SmpConfig#DEFAULTS}).
         *
         * @param value the tunables
         * @return this builder
         */
        public Builder config(SmpConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * The other instances sharing the stores (default: {@link SmpCluster#SINGLE}, none). The host
         * also delivers their signals to {@link SmpServer#onRemoteSignal}. A server alone on its
         * stores keeps the queue records it has read in memory and delivers a message stored into an
         * empty queue without reading it back; with other instances it reads the stores every time,
         * since they may change them.
         *
         * @param value the cluster, e.g. {@code PostgresSmpCluster}
         * @return this builder
         */
        public Builder cluster(SmpCluster value) {
            this.cluster = Objects.requireNonNull(value, "cluster");
            return this;
        }

        /**
         * The server.
         *
         * @return a server that uses the parts given to this builder
         * @throws NullPointerException naming the first missing required part
         */
        public SmpServer build() {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(queues, "queueStore");
            Objects.requireNonNull(messages, "messageStore");
            return new SmpServer(this);
        }
    }
}
