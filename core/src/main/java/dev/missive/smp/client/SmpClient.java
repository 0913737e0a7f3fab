package dev.missive.smp.client;

import dev.missive.crypto.X25519PrivateKey;
import dev.missive.smp.SignatureScheme;
import dev.missive.smp.SigningKey;
import dev.missive.smp.TransmissionSink;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.ServerAddress;
import dev.missive.smp.model.SmpError;
import dev.missive.smp.model.SmpException;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.spi.RandomSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The high-level SMP client for one connection to one server, without I/O: the transport feeds
 * {@link #onBytes} and implements the sink. It creates queues and invitations, connects to
 * invitations as a sender (unsigned confirmation whose encrypted body carries {@code SK}), secures,
 * subscribes, receives, acknowledges, suspends and deletes, and encrypts every body end to end
 * ({@link Envelope}). Every operation returns a future that fails with {@link SmpException} when
 * the server answers {@code ERR}.
 */
public final class SmpClient {

    private final ServerAddress server;
    private final RandomSource random;
    private final SignatureScheme scheme;
    private final ClientSession session;
    private final ConcurrentHashMap<QueueId, Registered> queues = new ConcurrentHashMap<>();
    private final Consumer<SmpException> protocolErrors;

    private record Registered(RecipientQueue queue, QueueHandler handler) {}

    /**
     * A client for one connection to {@code server}.
     *
     * @param server         the server this connection goes to (written into invitations)
     * @param sink           where the transport writes this connection's bytes
     * @param random         source of keys
     * @param scheme         key and signature scheme (normally {@link SignatureScheme#standard()})
     * @param protocolErrors told about server transmissions that could not be understood
     */
    public SmpClient(
            ServerAddress server,
            TransmissionSink sink,
            RandomSource random,
            SignatureScheme scheme,
            Consumer<SmpException> protocolErrors) {
        this.server = Objects.requireNonNull(server, "server");
        this.random = Objects.requireNonNull(random, "random");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.protocolErrors = Objects.requireNonNull(protocolErrors, "protocolErrors");
        this.session = new ClientSession(sink, new ClientSession.Listener() {
            @Override
            public void onMessage(QueueId recipientId, ServerMessage.Msg message) {
                deliver(recipientId, message);
            }

            @Override
            public void onEnd(QueueId recipientId) {
                Registered r = queues.get(recipientId);
                if (r != null) {
                    r.handler().onEnd(r.queue());
                }
            }

            @Override
            public void onProtocolError(SmpException error) {
                SmpClient.this.protocolErrors.accept(error);
            }
        });
    }

    /**
     * A client with the standard signature scheme that ignores unintelligible server transmissions.
     *
     * @param server the server this client's connection goes to
     * @param sink where the client writes its transmissions, e.g. {@code SmpTcpConnection.sink()}
     * @param random the source of keys and nonces
     */
    public SmpClient(ServerAddress server, TransmissionSink sink, RandomSource random) {
        this(server, sink, random, SignatureScheme.standard(), e -> {});
    }

    /**
     * The server this client talks to.
     *
     * @return the server address
     */
    public ServerAddress server() {
        return server;
    }

    /**
     * The underlying request/reply session.
     *
     * @return the session
     */
    public ClientSession session() {
        return session;
    }

    /**
     * Feeds bytes read from the connection.
     *
     * @param buf the buffer holding the bytes
     * @param off where the new bytes start in {@code buf}
     * @param len how many bytes
     */
    public void onBytes(byte[] buf, int off, int len) {
        session.onBytes(buf, off, len);
    }

    /**
     * Ends the connection's session from the client's side; pending and later operations fail with
     * {@link SmpConnectionClosedException} (no cause).
     */
    public void close() {
        session.close();
    }

    /**
     * Ends the connection's session because the connection ended; pending and later operations fail
     * with {@link SmpConnectionClosedException} carrying {@code cause} (null if unknown or local).
     *
     * @param cause why the connection ended, or {@code null}
     */
    public void close(Throwable cause) {
        session.close(cause);
    }

    private void deliver(QueueId recipientId, ServerMessage.Msg msg) {
        Registered r = queues.get(recipientId);
        if (r == null) {
            return;
        }
        RecipientQueue q = r.queue();
        Optional<Envelope> envelope = Envelope.open(q.encryptionKey(), q.senderId(), msg.body());
        r.handler().onMessage(q, new ReceivedMessage(msg.msgId(), msg.timestamp(), envelope));
    }

    /**
     * Creates a queue ({@code CONN}) with fresh keys {@code RK} and {@code EK}; this connection is
     * subscribed to it and {@code handler} gets its messages.
     *
     * @param handler receives the queue's messages
     * @return a future completed with the queue, its keys and its invitation
     */
    public CompletableFuture<RecipientQueue> createQueue(QueueHandler handler) {
        Objects.requireNonNull(handler, "handler");
        SigningKey recipientKey = scheme.generateKey(random);
        X25519PrivateKey encryptionKey = X25519PrivateKey.fromRaw(random.bytes(X25519PrivateKey.LENGTH));
        return session.request(null, null, new Command.Create(recipientKey.publicKey()))
                .thenApply(reply -> {
                    if (!(reply instanceof ServerMessage.Ids ids)) {
                        throw failure(reply);
                    }
                    RecipientQueue queue =
                            new RecipientQueue(server, ids.recipientId(), ids.senderId(), recipientKey, encryptionKey);
                    queues.put(queue.recipientId(), new Registered(queue, handler));
                    return queue;
                });
    }

    /**
     * Makes {@code handler} receive the messages of a queue created earlier (for example on another
     * connection); call {@link #subscribe} to start receiving on this connection.
     *
     * @param queue the queue, e.g. restored from the host's storage
     * @param handler receives the queue's messages
     */
    public void register(RecipientQueue queue, QueueHandler handler) {
        if (!queue.server().equals(server)) {
            throw new IllegalArgumentException("queue is on another server");
        }
        queues.put(queue.recipientId(), new Registered(queue, Objects.requireNonNull(handler, "handler")));
    }

    /**
     * Connects as the sender of an invitation's queue: makes {@code SK} and sends the unsigned
     * confirmation, whose encrypted body carries {@code SK} and {@code content}. The queue is usable
     * once the recipient has secured it with {@code SK}.
     *
     * @param invitation the recipient's invitation
     * @param content an application message sent with the confirmation (may be empty)
     * @return a future completed with the queue to send on, once the server stored the confirmation
     */
    public CompletableFuture<SenderQueue> connect(Invitation invitation, byte[] content) {
        if (!invitation.server().equals(server)) {
            throw new IllegalArgumentException("invitation is for another server");
        }
        SigningKey senderKey = scheme.generateKey(random);
        SenderQueue queue = new SenderQueue(server, invitation.senderId(), senderKey, invitation.encryptionKey());
        byte[] body = Envelope.confirmation(senderKey.publicKey(), content)
                .seal(invitation.encryptionKey(), invitation.senderId());
        return expectOk(session.request(null, queue.senderId(), Command.Send.binary(body)))
                .thenApply(ok -> queue);
    }

    /**
     * Sends {@code content} (signed {@code SEND}, encrypted body with an empty header).
     *
     * @param queue the queue to send on
     * @param content the application message
     * @return a future completed once the server stored the message
     */
    public CompletableFuture<Void> send(SenderQueue queue, byte[] content) {
        return send(queue, Envelope.data(content));
    }

    /**
     * Sends an envelope (signed {@code SEND}).
     *
     * @param queue the queue to send on
     * @param envelope the envelope to encrypt and send
     * @return a future completed once the server stored the message
     */
    public CompletableFuture<Void> send(SenderQueue queue, Envelope envelope) {
        byte[] body = envelope.seal(queue.encryptionKey(), queue.senderId());
        return expectOk(session.request(queue.senderKey(), queue.senderId(), Command.Send.binary(body)));
    }

    /**
     * Secures the queue with the sender's key ({@code KEY}); afterwards only {@code SK}-signed
     * sends pass.
     *
     * @param queue the queue to secure
     * @param senderKey the encoded public key {@code SK} from the sender's confirmation
     * @return a future completed once the server answered {@code OK}
     */
    public CompletableFuture<Void> secure(RecipientQueue queue, byte[] senderKey) {
        return expectOk(session.request(queue.recipientKey(), queue.recipientId(), new Command.Secure(senderKey)));
    }

    /**
     * Subscribes this connection ({@code SUB}); a waiting message goes to the queue's handler.
     * Completes when the server answered (with the message or {@code OK}).
     *
     * @param queue the queue to subscribe to
     * @return a future completed with the server's answer
     */
    public CompletableFuture<Void> subscribe(RecipientQueue queue) {
        return expectOkOrMsg(session.request(queue.recipientKey(), queue.recipientId(), new Command.Subscribe()));
    }

    /**
     * Acknowledges the last delivered message ({@code ACK}); the next one, if any, goes to the
     * handler.
     *
     * @param queue the queue whose message was handled
     * @return a future completed once the server answered
     */
    public CompletableFuture<Void> acknowledge(RecipientQueue queue) {
        return expectOkOrMsg(session.request(queue.recipientKey(), queue.recipientId(), new Command.Acknowledge()));
    }

    /**
     * Suspends the queue ({@code OFF}): senders are refused, remaining messages can still be read.
     *
     * @param queue the queue to suspend
     * @return a future completed once the server answered {@code OK}
     */
    public CompletableFuture<Void> suspend(RecipientQueue queue) {
        return expectOk(session.request(queue.recipientKey(), queue.recipientId(), new Command.Suspend()));
    }

    /**
     * Deletes the queue and its messages ({@code DEL}).
     *
     * @param queue the queue to delete
     * @return a future completed once the server answered {@code OK}
     */
    public CompletableFuture<Void> delete(RecipientQueue queue) {
        return expectOk(session.request(queue.recipientKey(), queue.recipientId(), new Command.Delete()))
                .thenRun(() -> queues.remove(queue.recipientId()));
    }

    private static CompletableFuture<Void> expectOk(CompletableFuture<ServerMessage> reply) {
        return reply.thenAccept(m -> {
            if (!(m instanceof ServerMessage.Ok)) {
                throw failure(m);
            }
        });
    }

    private static CompletableFuture<Void> expectOkOrMsg(CompletableFuture<ServerMessage> reply) {
        return reply.thenAccept(m -> {
            if (!(m instanceof ServerMessage.Ok) && !(m instanceof ServerMessage.Msg)) {
                throw failure(m);
            }
        });
    }

    private static CompletionException failure(ServerMessage reply) {
        SmpException e = reply instanceof ServerMessage.Err err
                ? new SmpException(err.error())
                : new SmpException(
                        SmpError.PROHIBITED,
                        "unexpected reply " + reply.getClass().getSimpleName());
        return new CompletionException(e);
    }
}
