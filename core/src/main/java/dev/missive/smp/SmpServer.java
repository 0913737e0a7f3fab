package dev.missive.smp;

import dev.missive.smp.spi.MessageStore;
import dev.missive.smp.spi.QueueStore;
import dev.missive.smp.spi.StoredMessage;
import dev.missive.smp.wire.CommandParser;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.spi.Clock;
import dev.missive.spi.EventListener;
import dev.missive.spi.ProtocolEvent;
import dev.missive.spi.RandomSource;
import dev.missive.smp.model.QueueId;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SMP server engine (seed dialect), without I/O. A transport opens one {@link ServerSession}
 * per connection and feeds it the bytes it reads; the engine answers through the session's
 * {@link TransmissionSink}. Queue records and messages live in the stores; which connection is
 * subscribed to which queue lives here, because a subscription ends with its connection.
 *
 * <p>Thread-safe: sessions run on different threads. Commands that touch a queue's delivery state
 * (subscribe, acknowledge, push on send, delete, close) hold that queue's lock, taken from a fixed
 * set of {@link ReentrantLock} stripes, so one message at a time is outstanding per queue and
 * {@code END} is the last thing a replaced subscriber gets for the queue.
 */
public final class SmpServer {

    static final int QUEUE_ID_LENGTH = 12;
    static final int MSG_ID_LENGTH = 8;
    static final int CREATE_ATTEMPTS = 3;
    private static final int LOCK_STRIPES = 256;

    final QueueStore queues;
    final MessageStore messages;
    final Clock clock;
    final RandomSource random;
    final EventListener events;
    final SignatureScheme scheme;
    final Duration messageTtl;
    final int queueQuota;
    final int maxBodySize;
    final int maxLineLength;
    final boolean ackWithMsgId;
    final CommandParser parser;

    /** Subscriptions by recipient ID; entries change only under the queue's lock. */
    final ConcurrentHashMap<QueueId, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final ReentrantLock[] stripes = new ReentrantLock[LOCK_STRIPES];

    /** A connection's subscription to a queue; {@code awaitingAck} is the msgId delivered and not yet acknowledged. */
    static final class Subscription {
        final ServerSession session;
        byte[] awaitingAck;

        Subscription(ServerSession session) {
            this.session = session;
        }
    }

    private SmpServer(Builder b) {
        this.queues = Objects.requireNonNull(b.queues, "queueStore");
        this.messages = Objects.requireNonNull(b.messages, "messageStore");
        this.clock = b.clock;
        this.random = b.random;
        this.events = b.events;
        this.scheme = b.scheme;
        this.messageTtl = b.messageTtl;
        this.queueQuota = b.queueQuota;
        this.maxBodySize = b.maxBodySize;
        this.maxLineLength = Math.max(4096, b.maxBodySize + 64);
        this.ackWithMsgId = b.ackWithMsgId;
        this.parser = new CommandParser(b.ackWithMsgId);
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** A builder; stores, clock and random source are required, everything else has a default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a session for a new transport connection. The transport feeds it bytes with
     * {@link ServerSession#onBytes} and calls {@link ServerSession#close} when the connection ends.
     */
    public ServerSession openSession(TransmissionSink sink) {
        return new ServerSession(this, Objects.requireNonNull(sink, "sink"));
    }

    /**
     * Removes every stored message older than the message TTL. Hosts call it periodically (the
     * engine also drops expired messages lazily when it reaches them).
     *
     * @return the number removed
     */
    public int expireMessages() {
        int removed = messages.expireOlderThan(clock.now().minus(messageTtl));
        if (removed > 0) {
            event("message.expired", Map.of("count", Integer.toString(removed)));
        }
        return removed;
    }

    /** Number of queues that currently have a subscriber. */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    ReentrantLock lockFor(QueueId recipientId) {
        return stripes[Math.floorMod(recipientId.hashCode(), stripes.length)];
    }

    /** The oldest message of the queue that is not past its TTL, dropping expired ones on the way. */
    StoredMessage head(QueueId recipientId) {
        Instant cutoff = clock.now().minus(messageTtl);
        while (true) {
            StoredMessage head = messages.peek(recipientId).orElse(null);
            if (head == null || !head.receivedAt().isBefore(cutoff)) {
                return head;
            }
            messages.deleteHead(recipientId, head.msgId());
            event("message.expired", Map.of("count", "1"));
        }
    }

    /** Delivers the queue's head to {@code sub} if nothing is outstanding; caller holds the queue lock. */
    void pushIfIdle(QueueId recipientId, Subscription sub) {
        if (sub.awaitingAck != null) {
            return;
        }
        StoredMessage head = head(recipientId);
        if (head != null) {
            sub.awaitingAck = head.msgId();
            sub.session.push(recipientId, toMsg(head));
            event("message.delivered", Map.of());
        }
    }

    static ServerMessage.Msg toMsg(StoredMessage m) {
        return new ServerMessage.Msg(m.msgId(), m.receivedAt(), m.body());
    }

    /** Reports an event; a failing listener never disturbs the protocol. */
    void event(String name, Map<String, String> attributes) {
        if (events == EventListener.NONE) {
            return;
        }
        try {
            events.onEvent(new ProtocolEvent("smp", name, clock.now(), attributes));
        } catch (RuntimeException ignored) {
            // Listeners must not throw; if one does, the command still completes and is answered.
        }
    }

    /** Configuration of an {@link SmpServer}. */
    public static final class Builder {
        private QueueStore queues;
        private MessageStore messages;
        private Clock clock;
        private RandomSource random;
        private EventListener events = EventListener.NONE;
        private SignatureScheme scheme = SignatureScheme.standard();
        private Duration messageTtl = Duration.ofDays(21);
        private int queueQuota = 128;
        private int maxBodySize = 16 * 1024;
        private boolean ackWithMsgId;

        private Builder() {
        }

        /** Where queue records live (required). */
        public Builder queueStore(QueueStore store) {
            this.queues = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Where messages live (required). */
        public Builder messageStore(MessageStore store) {
            this.messages = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Source of timestamps and expiry (required: the host passes {@link Clock#system()} or its own). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Source of queue and message IDs (required: the host passes {@link RandomSource#secure()} or its own). */
        public Builder random(RandomSource value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** Metrics and tracing (default: none). */
        public Builder eventListener(EventListener value) {
            this.events = Objects.requireNonNull(value, "events");
            return this;
        }

        /** Key format and signatures (default: {@link SignatureScheme#standard()}). */
        public Builder signatureScheme(SignatureScheme value) {
            this.scheme = Objects.requireNonNull(value, "scheme");
            return this;
        }

        /** How long a message is kept, delivered or not (default 21 days). */
        public Builder messageTtl(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("message TTL must be positive");
            }
            this.messageTtl = value;
            return this;
        }

        /** Most messages a queue holds; a {@code SEND} to a full queue gets {@code ERR SIZE} (default 128). */
        public Builder queueQuota(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("quota must be at least 1");
            }
            this.queueQuota = value;
            return this;
        }

        /** Largest message body in bytes; larger ones get {@code ERR SIZE} (default 16384). */
        public Builder maxBodySize(int value) {
            if (value < 1 || value > 64 * 1024 * 1024) {
                throw new IllegalArgumentException("max body size out of range");
            }
            this.maxBodySize = value;
            return this;
        }

        /** Accept the {@code ACK <msgId>} extension (default off: seed-exact {@code ACK} only). */
        public Builder ackWithMsgId(boolean value) {
            this.ackWithMsgId = value;
            return this;
        }

        /** The server; fails if a required part is missing. */
        public SmpServer build() {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(random, "random");
            return new SmpServer(this);
        }
    }
}
