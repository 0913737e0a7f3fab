package dev.missive.smp;

import dev.missive.internal.Locks;
import dev.missive.smp.SmpServer.Subscription;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.SmpError;
import dev.missive.smp.spi.Appended;
import dev.missive.smp.spi.QueueRecord;
import dev.missive.smp.spi.QueueSignal;
import dev.missive.smp.spi.QueueStatus;
import dev.missive.smp.spi.SmpCluster;
import dev.missive.smp.spi.StoredMessage;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.DecodedCommand;
import dev.missive.smp.wire.Frame;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.smp.wire.Timestamps;
import dev.missive.smp.wire.Transmission;
import dev.missive.smp.wire.TransmissionDecoder;
import dev.missive.smp.wire.TransmissionEncoder;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One transport connection to an {@link SmpServer}. The transport calls {@link #onBytes} with what
 * it reads (any chunking) and {@link #close} when the connection ends. Commands run in the order
 * received and each is answered before the next runs, so replies are in command order; {@code MSG}
 * and {@code END} pushes from other connections may come in between. Bad input never throws: it
 * is answered with the seed dialect's {@code ERR}.
 */
public final class ServerSession {

    private final SmpServer server;
    private final TransmissionSink sink;
    private final TransmissionDecoder decoder;
    /** Recipient IDs this connection is subscribed to (changed by other sessions on takeover). */
    private final Set<QueueId> subscribed = ConcurrentHashMap.newKeySet();

    private final ReentrantLock inputLock = new ReentrantLock();
    private volatile boolean closed;

    ServerSession(SmpServer server, TransmissionSink sink) {
        this.server = server;
        this.sink = sink;
        SmpConfig config = server.config;
        this.decoder = new TransmissionDecoder(
                TransmissionDecoder.Direction.TO_SERVER, config.maxLineLength(), config.maxBodySize());
    }

    /**
     * Feeds {@code len} bytes read from the connection; executes every command they complete.
     *
     * @param buf the buffer holding the bytes
     * @param off where the new bytes start in {@code buf}
     * @param len how many bytes, zero or more; a partial transmission is kept until the rest
     *     arrives
     */
    public void onBytes(byte[] buf, int off, int len) {
        Locks.withLock(inputLock, () -> {
            if (closed) {
                return;
            }
            for (Frame frame : decoder.feed(buf, off, len)) {
                if (closed) {
                    return;
                }
                handle(frame);
            }
        });
    }

    /**
     * Ends the session: its subscriptions end (unacknowledged messages stay for the next
     * subscriber). Waits for a command being executed by {@link #onBytes} on another thread.
     */
    public void close() {
        // Under the input lock: subscriptions are only added by commands, which run under it too.
        Locks.withLock(inputLock, () -> {
            closed = true;
            endSubscriptions();
        });
    }

    private void endSubscriptions() {
        for (QueueId rid : subscribed) {
            withQueueLock(rid, () -> {
                Subscription sub = server.subscriptions.get(rid);
                if (sub != null && sub.session == this) {
                    server.subscriptions.remove(rid);
                }
            });
        }
        subscribed.clear();
    }

    /** Runs {@code work} holding the lock of queue {@code rid}, which orders its delivery state. */
    private void withQueueLock(QueueId rid, Runnable work) {
        server.queueLocks.withLock(rid, work);
    }

    /**
     * Whether {@link #close} was called.
     *
     * @return {@code true} once the session is closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Number of queues this connection is subscribed to.
     *
     * @return the number of subscribed queues
     */
    public int subscriptionCount() {
        return subscribed.size();
    }

    private void handle(Frame frame) {
        DecodedCommand decoded = server.parser.parse(frame);
        switch (decoded) {
            case DecodedCommand.Invalid invalid -> reject(invalid.queueId(), invalid.error());
            case DecodedCommand.Valid valid -> {
                try {
                    execute(valid.transmission());
                } catch (RuntimeException e) {
                    // A store or scheme failure: the client learns only that the server failed.
                    server.emit(new SmpEvent.InternalError(
                            server.clock.now(), e.getClass().getName()));
                    reply(valid.transmission().queueId(), new ServerMessage.Err(SmpError.INTERNAL));
                }
            }
        }
    }

    private void execute(Transmission t) {
        switch (t.command()) {
            case Command.Create create -> create(create);
            case Command.Send send -> send(t, send);
            default -> recipientCommand(t);
        }
    }

    private void create(Command.Create create) {
        byte[] recipientKey = create.recipientKey();
        if (!server.scheme.acceptsKey(recipientKey)) {
            reject(null, SmpError.SYNTAX_2);
            return;
        }
        for (int attempt = 0; attempt < SmpServer.CREATE_ATTEMPTS; attempt++) {
            QueueId rid = QueueId.of(server.random.bytes(SmpServer.QUEUE_ID_LENGTH));
            QueueId sid = QueueId.of(server.random.bytes(SmpServer.QUEUE_ID_LENGTH));
            if (rid.equals(sid) || !server.queues.create(QueueRecord.create(rid, sid, recipientKey))) {
                continue;
            }
            withQueueLock(rid, () -> {
                server.cluster.claimSubscription(rid);
                server.subscriptions.put(rid, new Subscription(this));
                subscribed.add(rid);
            });
            server.emit(new SmpEvent.QueueCreated(server.clock.now()));
            reply(null, new ServerMessage.Ids(rid, sid));
            return;
        }
        reject(null, SmpError.INTERNAL);
    }

    private void recipientCommand(Transmission t) {
        QueueId rid = t.queueId();
        if (t.command() instanceof Command.Secure secure && !server.scheme.acceptsKey(secure.senderKey())) {
            reject(rid, SmpError.SYNTAX_2);
            return;
        }
        QueueRecord queue = server.queues.findByRecipientId(rid).orElse(null);
        byte[] key = queue == null ? server.scheme.dummyKey(t.signature()) : queue.recipientKey();
        // Verified even when the queue is unknown, so every ERR AUTH path does the same work.
        boolean valid = server.scheme.verify(key, t.signedBytes(), t.signature());
        if (queue == null || !valid) {
            reject(rid, SmpError.AUTH);
            return;
        }
        switch (t.command()) {
            case Command.Subscribe s -> subscribe(rid);
            case Command.Secure secure -> {
                if (server.queues.secure(rid, secure.senderKey())) {
                    server.emit(new SmpEvent.KeySecured(server.clock.now()));
                    reply(rid, new ServerMessage.Ok());
                } else {
                    reject(rid, SmpError.AUTH);
                }
            }
            case Command.Acknowledge ack -> acknowledge(rid, ack);
            case Command.Suspend s -> {
                if (server.queues.suspend(rid)) {
                    server.emit(new SmpEvent.QueueSuspended(server.clock.now()));
                    reply(rid, new ServerMessage.Ok());
                } else {
                    reject(rid, SmpError.AUTH);
                }
            }
            case Command.Delete d -> delete(rid);
            default -> throw new IllegalStateException("not a recipient command");
        }
    }

    private void subscribe(QueueId rid) {
        withQueueLock(rid, () -> {
            Subscription current = server.subscriptions.get(rid);
            Subscription sub = current;
            if (current == null || current.session != this) {
                // Claimed before the local change: a subscriber on another instance gets END once the
                // claim is committed, and only the last claim survives concurrent takeovers.
                server.cluster.claimSubscription(rid);
                if (current != null) {
                    server.endSubscription(rid, current);
                }
                sub = new Subscription(this);
                server.subscriptions.put(rid, sub);
                subscribed.add(rid);
                server.cluster.publish(new QueueSignal(QueueSignal.Kind.SUBSCRIBED, rid));
            }
            server.emit(new SmpEvent.Subscribed(server.clock.now()));
            // A repeated SUB re-sends the unacknowledged message, as the reference server does.
            sub.awaitingAck = null;
            deliverNextAsReply(rid, sub);
        });
    }

    private void acknowledge(QueueId rid, Command.Acknowledge ack) {
        withQueueLock(rid, () -> {
            Subscription sub = server.subscriptions.get(rid);
            if (sub == null || sub.session != this || sub.awaitingAck == null) {
                reject(rid, SmpError.PROHIBITED);
                return;
            }
            byte[] acknowledged = ack.msgId();
            // With the msgId extension, an ACK for a message already gone deletes nothing and
            // re-sends the outstanding message instead.
            if (acknowledged == null || Arrays.equals(acknowledged, sub.awaitingAck)) {
                // One store call removes the head and reads the next (one database write, no read).
                StoredMessage next =
                        server.messages.deleteHeadAndPeek(rid, sub.awaitingAck).orElse(null);
                server.emit(new SmpEvent.Acknowledged(server.clock.now()));
                sub.awaitingAck = null;
                deliverAsReply(rid, sub, server.unexpiredHead(rid, next));
                return;
            }
            sub.awaitingAck = null;
            deliverNextAsReply(rid, sub);
        });
    }

    /** Answers with the queue's next message (now outstanding) or {@code OK}; caller holds the queue lock. */
    private void deliverNextAsReply(QueueId rid, Subscription sub) {
        deliverAsReply(rid, sub, server.head(rid));
    }

    /** Answers with {@code next} (now outstanding), or {@code OK} if null; caller holds the queue lock. */
    private void deliverAsReply(QueueId rid, Subscription sub, StoredMessage next) {
        if (next == null) {
            reply(rid, new ServerMessage.Ok());
        } else {
            sub.awaitingAck = next.msgId();
            reply(rid, SmpServer.toMsg(next));
            server.emit(new SmpEvent.MessageDelivered(server.clock.now()));
        }
    }

    private void delete(QueueId rid) {
        withQueueLock(rid, () -> {
            server.queues.delete(rid);
            server.messages.deleteQueue(rid);
            Subscription sub = server.subscriptions.remove(rid);
            if (sub != null) {
                sub.session.unsubscribed(rid);
            }
        });
        server.cluster.publish(new QueueSignal(QueueSignal.Kind.DELETED, rid));
        server.emit(new SmpEvent.QueueDeleted(server.clock.now()));
        reply(rid, new ServerMessage.Ok());
    }

    private void send(Transmission t, Command.Send send) {
        QueueId sid = t.queueId();
        QueueRecord queue = server.queues.findBySenderId(sid).orElse(null);
        if (!senderAuthorized(queue, t)) {
            reject(sid, SmpError.AUTH);
            return;
        }
        byte[] body = send.body();
        SmpConfig config = server.config;
        if (body.length > config.maxBodySize()) {
            reject(sid, SmpError.SIZE);
            return;
        }
        QueueId rid = queue.recipientId();
        Instant now = server.clock.now();
        StoredMessage message =
                new StoredMessage(server.random.bytes(SmpServer.MSG_ID_LENGTH), Timestamps.truncate(now), body);
        long sectionsBefore = server.queueLocks.sections(rid);
        Appended appended = server.messages.append(rid, message, config.queueQuota());
        if (!appended.stored()) {
            int expired = server.messages.expireOlderThan(rid, now.minus(config.messageTtl()));
            if (expired > 0) {
                server.emit(new SmpEvent.MessagesExpired(now, expired));
            }
            appended = server.messages.append(rid, message, config.queueQuota());
            if (!appended.stored()) {
                server.emit(new SmpEvent.QueueFull(now));
                reject(sid, SmpError.SIZE);
                return;
            }
        }
        server.emit(new SmpEvent.MessageAccepted(now, body.length));
        reply(sid, new ServerMessage.Ok());
        server.cluster.publish(new QueueSignal(QueueSignal.Kind.MESSAGE_STORED, rid));
        boolean storedAsHead = appended == Appended.AS_HEAD;
        withQueueLock(rid, () -> {
            Subscription sub = server.subscriptions.get(rid);
            if (sub == null) {
                return;
            }
            // Stored into an empty queue, and no section under the queue's lock ran since (so nothing
            // delivered, acknowledged or removed it): the message is the head, no need to read it.
            boolean stillHead = storedAsHead
                    && server.cluster == SmpCluster.SINGLE
                    && server.queueLocks.sections(rid) == sectionsBefore + 1;
            server.pushIfIdle(rid, sub, stillHead ? message : null);
        });
    }

    /**
     * The {@code SEND} rules: unsigned until {@code KEY}, signed by SK afterwards, never to an unknown
     * or suspended queue. Every refusal runs exactly one verification, like a real check would.
     */
    private boolean senderAuthorized(QueueRecord queue, Transmission t) {
        byte[] signature = t.signature();
        byte[] signedBytes = t.signedBytes();
        var scheme = server.scheme;
        if (queue != null && queue.status() == QueueStatus.ACTIVE) {
            if (!queue.secured()) {
                if (!t.signed()) {
                    return true;
                }
                scheme.verify(scheme.dummyKey(signature), signedBytes, signature);
                return false;
            }
            byte[] senderKey = queue.senderKey();
            if (t.signed()) {
                return scheme.verify(senderKey, signedBytes, signature);
            }
            scheme.verify(senderKey, signedBytes, scheme.dummySignature(senderKey));
            return false;
        }
        byte[] key = queue != null && queue.secured() && t.signed() ? queue.senderKey() : scheme.dummyKey(signature);
        scheme.verify(key, signedBytes, t.signed() ? signature : scheme.dummySignature(key));
        return false;
    }

    private void reject(QueueId queueId, SmpError error) {
        server.emit(new SmpEvent.CommandRejected(server.clock.now(), error));
        reply(queueId, new ServerMessage.Err(error));
    }

    private void reply(QueueId queueId, ServerMessage message) {
        sink.send(TransmissionEncoder.server(queueId, message));
    }

    /** The subscription to {@code rid} ended from outside this session (takeover, deletion); caller holds the queue lock. */
    void unsubscribed(QueueId rid) {
        subscribed.remove(rid);
    }

    /** A transmission from another session's thread (MSG, END); dropped once closed, failures ignored. */
    void push(QueueId queueId, ServerMessage message) {
        if (closed) {
            return;
        }
        try {
            sink.send(TransmissionEncoder.server(queueId, message));
        } catch (RuntimeException e) {
            // The transport owns this connection's failures; the pushing session must not fail.
            server.emit(new SmpEvent.PushFailed(server.clock.now(), e.getClass().getName()));
        }
    }
}
