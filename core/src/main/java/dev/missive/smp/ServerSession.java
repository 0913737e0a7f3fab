package dev.missive.smp;

import dev.missive.smp.SmpServer.Subscription;
import dev.missive.smp.spi.QueueRecord;
import dev.missive.smp.spi.QueueStatus;
import dev.missive.smp.spi.StoredMessage;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.DecodedCommand;
import dev.missive.smp.wire.Frame;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.smp.wire.Timestamps;
import dev.missive.smp.wire.Transmission;
import dev.missive.smp.wire.TransmissionDecoder;
import dev.missive.smp.wire.TransmissionEncoder;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.SmpError;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
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
        this.decoder = new TransmissionDecoder(TransmissionDecoder.Direction.TO_SERVER, server.maxLineLength, server.maxBodySize);
    }

    /** Feeds {@code len} bytes read from the connection; executes every command they complete. */
    public void onBytes(byte[] buf, int off, int len) {
        inputLock.lock();
        try {
            if (closed) {
                return;
            }
            for (Frame frame : decoder.feed(buf, off, len)) {
                if (closed) {
                    return;
                }
                handle(frame);
            }
        } finally {
            inputLock.unlock();
        }
    }

    /**
     * Ends the session: its subscriptions end (unacknowledged messages stay for the next
     * subscriber). Waits for a command being executed by {@link #onBytes} on another thread.
     */
    public void close() {
        // Under the input lock: subscriptions are only added by commands, which run under it too.
        inputLock.lock();
        try {
            closed = true;
            endSubscriptions();
        } finally {
            inputLock.unlock();
        }
    }

    private void endSubscriptions() {
        for (QueueId rid : subscribed) {
            ReentrantLock lock = server.lockFor(rid);
            lock.lock();
            try {
                Subscription sub = server.subscriptions.get(rid);
                if (sub != null && sub.session == this) {
                    server.subscriptions.remove(rid);
                }
            } finally {
                lock.unlock();
            }
        }
        subscribed.clear();
    }

    /** Whether {@link #close} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Number of queues this connection is subscribed to. */
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
                    server.event("internal.error", Map.of("exception", e.getClass().getName()));
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
            ReentrantLock lock = server.lockFor(rid);
            lock.lock();
            try {
                server.subscriptions.put(rid, new Subscription(this));
                subscribed.add(rid);
            } finally {
                lock.unlock();
            }
            server.event("queue.created", Map.of());
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
                    reply(rid, new ServerMessage.Ok());
                } else {
                    reject(rid, SmpError.AUTH);
                }
            }
            case Command.Acknowledge ack -> acknowledge(rid, ack);
            case Command.Suspend s -> {
                if (server.queues.suspend(rid)) {
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
        ReentrantLock lock = server.lockFor(rid);
        lock.lock();
        try {
            Subscription current = server.subscriptions.get(rid);
            Subscription sub = current;
            if (current == null || current.session != this) {
                if (current != null) {
                    current.session.subscribed.remove(rid);
                    current.session.push(rid, new ServerMessage.End());
                    server.event("subscription.ended", Map.of());
                }
                sub = new Subscription(this);
                server.subscriptions.put(rid, sub);
                subscribed.add(rid);
            }
            // A repeated SUB re-sends the unacknowledged message, as the reference server does.
            sub.awaitingAck = null;
            deliverNextAsReply(rid, sub);
        } finally {
            lock.unlock();
        }
    }

    private void acknowledge(QueueId rid, Command.Acknowledge ack) {
        ReentrantLock lock = server.lockFor(rid);
        lock.lock();
        try {
            Subscription sub = server.subscriptions.get(rid);
            if (sub == null || sub.session != this || sub.awaitingAck == null) {
                reject(rid, SmpError.PROHIBITED);
                return;
            }
            byte[] acknowledged = ack.msgId();
            // With the msgId extension, an ACK for a message already gone deletes nothing and
            // re-sends the outstanding message instead.
            if (acknowledged == null || Arrays.equals(acknowledged, sub.awaitingAck)) {
                server.messages.deleteHead(rid, sub.awaitingAck);
                server.event("message.acknowledged", Map.of());
            }
            sub.awaitingAck = null;
            deliverNextAsReply(rid, sub);
        } finally {
            lock.unlock();
        }
    }

    /** Answers with the queue's next message (now outstanding) or {@code OK}; caller holds the queue lock. */
    private void deliverNextAsReply(QueueId rid, Subscription sub) {
        StoredMessage next = server.head(rid);
        if (next == null) {
            reply(rid, new ServerMessage.Ok());
        } else {
            sub.awaitingAck = next.msgId();
            reply(rid, SmpServer.toMsg(next));
            server.event("message.delivered", Map.of());
        }
    }

    private void delete(QueueId rid) {
        ReentrantLock lock = server.lockFor(rid);
        lock.lock();
        try {
            server.queues.delete(rid);
            server.messages.deleteQueue(rid);
            Subscription sub = server.subscriptions.remove(rid);
            if (sub != null) {
                sub.session.subscribed.remove(rid);
            }
        } finally {
            lock.unlock();
        }
        server.event("queue.deleted", Map.of());
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
        if (body.length > server.maxBodySize) {
            reject(sid, SmpError.SIZE);
            return;
        }
        QueueId rid = queue.recipientId();
        Instant now = server.clock.now();
        StoredMessage message = new StoredMessage(server.random.bytes(SmpServer.MSG_ID_LENGTH), Timestamps.truncate(now), body);
        if (!server.messages.append(rid, message, server.queueQuota)) {
            server.messages.expireOlderThan(rid, now.minus(server.messageTtl));
            if (!server.messages.append(rid, message, server.queueQuota)) {
                server.event("queue.full", Map.of());
                reject(sid, SmpError.SIZE);
                return;
            }
        }
        server.event("message.accepted", Map.of("bytes", Integer.toString(body.length)));
        reply(sid, new ServerMessage.Ok());
        ReentrantLock lock = server.lockFor(rid);
        lock.lock();
        try {
            Subscription sub = server.subscriptions.get(rid);
            if (sub != null) {
                server.pushIfIdle(rid, sub);
            }
        } finally {
            lock.unlock();
        }
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
        server.event("command.rejected", Map.of("code", error.wireText()));
        reply(queueId, new ServerMessage.Err(error));
    }

    private void reply(QueueId queueId, ServerMessage message) {
        sink.send(TransmissionEncoder.server(queueId, message));
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
            server.event("push.failed", Map.of("exception", e.getClass().getName()));
        }
    }
}
