package dev.missive.smp.client;

import dev.missive.smp.SigningKey;
import dev.missive.smp.TransmissionSink;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.SmpError;
import dev.missive.smp.model.SmpException;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.Frame;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.smp.wire.ServerMessageParser;
import dev.missive.smp.wire.ServerTransmission;
import dev.missive.smp.wire.TransmissionDecoder;
import dev.missive.smp.wire.TransmissionEncoder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client side of one transport connection to an SMP server, without I/O: {@link #request}
 * writes a (signed) transmission to the sink and returns a future for its reply; the transport
 * feeds what it reads to {@link #onBytes}. The seed dialect has no correlation IDs, so replies are
 * matched to requests by order: {@code IDS}, {@code OK} and {@code ERR} complete the oldest pending
 * request; a {@code MSG} completes it when it is a {@code SUB} or {@code ACK} for the same queue,
 * otherwise it is a push. Every {@code MSG} and {@code END} also goes to the {@link Listener}.
 * A {@code SUB} for a queue this connection is already subscribed to may show the outstanding
 * message twice (the server re-sends it); the same {@code msgId} identifies the duplicate.
 * Thread-safe.
 */
public final class ClientSession {

    /** Receives pushes and problems; called on the thread that calls {@link #onBytes}. */
    public interface Listener {
        /**
         * A message delivered on queue {@code recipientId} (as a push or as the reply to SUB/ACK).
         *
         * @param recipientId the recipient ID of the queue the message arrived on
         * @param message the {@code MSG} transmission, still encrypted
         */
        void onMessage(QueueId recipientId, ServerMessage.Msg message);

        /**
         * Another connection subscribed to {@code recipientId}; nothing more comes here for it.
         *
         * @param recipientId the recipient ID of the queue this connection lost
         */
        void onEnd(QueueId recipientId);

        /**
         * A server transmission that could not be understood or matched; the session goes on.
         *
         * @param error what could not be understood; holds no peer-supplied text
         */
        default void onProtocolError(SmpException error) {}
    }

    /** Default cap on a delivered body. */
    public static final int DEFAULT_MAX_BODY_SIZE = 64 * 1024;

    private record Pending(QueueId queueId, Command command, CompletableFuture<ServerMessage> reply) {}

    private final TransmissionSink sink;
    private final Listener listener;
    private final TransmissionDecoder decoder;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean closed;
    // Why the session closed (null: by the client); later requests fail with the same reason.
    private Throwable closeCause;

    /**
     * A session accepting bodies up to {@link #DEFAULT_MAX_BODY_SIZE}.
     *
     * @param sink where the session writes its transmissions
     * @param listener receives pushed messages and {@code END}s
     */
    public ClientSession(TransmissionSink sink, Listener listener) {
        this(sink, listener, DEFAULT_MAX_BODY_SIZE);
    }

    /**
     * A session accepting delivered bodies up to {@code maxBodySize} bytes.
     *
     * @param sink where the session writes its transmissions
     * @param listener receives pushed messages and {@code END}s
     * @param maxBodySize the largest delivered body accepted, in bytes; a larger one is a protocol
     *     error
     */
    public ClientSession(TransmissionSink sink, Listener listener, int maxBodySize) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.decoder = new TransmissionDecoder(
                TransmissionDecoder.Direction.TO_CLIENT, Math.max(4096, maxBodySize + 64), maxBodySize);
    }

    /**
     * Sends {@code command} for {@code queueId} (null for {@code CONN}), signed with {@code key}
     * (null for an unsigned transmission), and returns its reply. The future completes with the
     * reply message, including {@code ERR} replies; it fails with {@link SmpConnectionClosedException}
     * (carrying the reason given to {@link #close(Throwable)}) if the session closes first, and at
     * once if it is already closed.
     *
     * @param key the key that signs the transmission, or {@code null} for an unsigned one
     * @param queueId the queue the command is for, or {@code null} for {@code CONN}
     * @param command the command
     * @return a future completed with the server's reply
     */
    public CompletableFuture<ServerMessage> request(SigningKey key, QueueId queueId, Command command) {
        byte[] signed = TransmissionEncoder.signedPart(queueId, command);
        byte[] signature = key == null ? new byte[0] : key.sign(signed);
        byte[] frame = TransmissionEncoder.command(signature, signed);
        CompletableFuture<ServerMessage> reply = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                reply.completeExceptionally(new SmpConnectionClosedException(closeCause));
                return reply;
            }
            pending.addLast(new Pending(queueId, command, reply));
            sink.send(frame);
        } finally {
            lock.unlock();
        }
        return reply;
    }

    /**
     * Feeds bytes read from the connection.
     *
     * @param buf the buffer holding the bytes
     * @param off where the new bytes start in {@code buf}
     * @param len how many bytes; a partial transmission is kept until the rest arrives
     */
    public void onBytes(byte[] buf, int off, int len) {
        List<Runnable> completions = new ArrayList<>();
        lock.lock();
        try {
            for (Frame frame : decoder.feed(buf, off, len)) {
                ServerTransmission t;
                try {
                    t = ServerMessageParser.parse(frame);
                } catch (SmpException e) {
                    completions.add(() -> listener.onProtocolError(e));
                    continue;
                }
                dispatch(t, completions);
            }
        } finally {
            lock.unlock();
        }
        runAll(completions);
    }

    /**
     * Runs every completion even if a listener throws: the replies are already off the pending list,
     * so a skipped one would leave its future unfinished for good. The first failure is rethrown
     * afterwards, so the transport still learns of it.
     */
    private static void runAll(List<Runnable> completions) {
        RuntimeException first = null;
        for (Runnable completion : completions) {
            try {
                completion.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void dispatch(ServerTransmission t, List<Runnable> completions) {
        QueueId queueId = t.queueId();
        switch (t.message()) {
            case ServerMessage.End end -> completions.add(() -> listener.onEnd(queueId));
            case ServerMessage.Msg msg -> {
                Pending head = pending.peekFirst();
                if (head != null
                        && queueId != null
                        && queueId.equals(head.queueId())
                        && (head.command() instanceof Command.Subscribe
                                || head.command() instanceof Command.Acknowledge)) {
                    pending.removeFirst();
                    completions.add(() -> head.reply().complete(msg));
                }
                completions.add(() -> listener.onMessage(queueId, msg));
            }
            default -> {
                Pending head = pending.pollFirst();
                if (head == null) {
                    completions.add(() ->
                            listener.onProtocolError(new SmpException(SmpError.PROHIBITED, "reply without a request")));
                } else {
                    completions.add(() -> head.reply().complete(t.message()));
                }
            }
        }
    }

    /**
     * Number of requests waiting for their reply.
     *
     * @return the number of pending requests
     */
    public int pendingCount() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the session from the client's side: like {@link #close(Throwable)} with no cause, so
     * requests fail with an {@link SmpConnectionClosedException} whose cause is null.
     */
    public void close() {
        close(null);
    }

    /**
     * Ends the session because its connection ended: pending requests, and every later request at
     * once, fail with an {@link SmpConnectionClosedException} whose cause is {@code cause} (null if
     * the client closed it). Only the first close counts; later calls change nothing.
     *
     * @param cause why the connection ended, or {@code null} if the client closed it
     */
    public void close(Throwable cause) {
        List<Pending> failed;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeCause = cause;
            failed = new ArrayList<>(pending);
            pending.clear();
        } finally {
            lock.unlock();
        }
        // Completed outside the lock: callers' continuations may call back into the session.
        failed.forEach(p -> p.reply().completeExceptionally(new SmpConnectionClosedException(cause)));
    }
}
