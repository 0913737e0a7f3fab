package dev.missive.smp.client;

import dev.missive.smp.model.ServerAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A two-way channel made of two simplex queues, one on each party's server (the seed's duplex
 * sketch made concrete). Handshake, with Alice inviting Bob:
 *
 * <ol>
 *   <li>Alice creates queue A and gives Bob its invitation out of band ({@link #initiate}).</li>
 *   <li>Bob creates queue B and sends the confirmation to A: header {@code KEY <SKb>}, content
 *       Bob's invitation URI for B ({@link #accept}).</li>
 *   <li>Alice secures A with {@code SKb}, then sends her confirmation ({@code KEY <SKa>}, empty
 *       content) to B.</li>
 *   <li>Bob secures B with {@code SKa} and sends a signed message with header {@code READY} to A;
 *       he is connected.</li>
 *   <li>Alice receives {@code READY}; she is connected.</li>
 * </ol>
 *
 * Messages that do not decrypt or do not fit the current step are acknowledged and ignored, as the
 * seed asks. Application messages are handed to the {@code receiver} and then acknowledged.
 */
public final class DuplexConnection implements QueueHandler {

    /** Header of the acceptor's first signed message: both queues are secured. */
    public static final String READY = "READY";

    private enum State {
        AWAIT_CONFIRMATION,
        AWAIT_READY,
        OPEN
    }

    private final SmpClient inboundClient;
    private final Function<ServerAddress, SmpClient> clients;
    private final Consumer<byte[]> receiver;
    private final boolean initiator;
    private final CompletableFuture<DuplexConnection> established = new CompletableFuture<>();
    private volatile State state = State.AWAIT_CONFIRMATION;
    /** Completed once this side's confirmation was accepted (replies on two connections may come in any order). */
    private final CompletableFuture<SenderQueue> outbound = new CompletableFuture<>();

    private volatile RecipientQueue inbound;
    private volatile SmpClient outboundClient;

    private DuplexConnection(
            SmpClient inboundClient,
            Function<ServerAddress, SmpClient> clients,
            Consumer<byte[]> receiver,
            boolean initiator) {
        this.inboundClient = Objects.requireNonNull(inboundClient, "inboundClient");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.initiator = initiator;
    }

    /**
     * The initiator's side before the peer has answered.
     *
     * @param invitation the invitation to hand to the peer out of band, e.g. as a QR code
     * @param established completed with the connection once the peer has confirmed and both queues
     *     are secured
     */
    public record Initiation(Invitation invitation, CompletableFuture<DuplexConnection> established) {}

    /**
     * Alice's side: creates her queue on {@code own}'s server.
     *
     * @param own      connection to Alice's server
     * @param clients  gives a connected client for a server address (for the peer's queue)
     * @param receiver gets each application message of the peer
     * @return the invitation to pass out of band, and a future completed once the peer is connected
     */
    public static CompletableFuture<Initiation> initiate(
            SmpClient own, Function<ServerAddress, SmpClient> clients, Consumer<byte[]> receiver) {
        DuplexConnection c = new DuplexConnection(own, clients, receiver, true);
        return own.createQueue(c).thenApply(queue -> {
            c.inbound = queue;
            return new Initiation(queue.invitation(), c.established);
        });
    }

    /**
     * Bob's side: creates his queue on {@code own}'s server and confirms Alice's invitation.
     *
     * @param own connection to Bob's server
     * @param invitation the invitation Alice passed out of band
     * @param clients gives a connected client for a server address (for Alice's queue)
     * @param receiver gets each application message of the peer
     * @return a future completed once both queues are secured
     */
    public static CompletableFuture<DuplexConnection> accept(
            SmpClient own,
            Invitation invitation,
            Function<ServerAddress, SmpClient> clients,
            Consumer<byte[]> receiver) {
        DuplexConnection c = new DuplexConnection(own, clients, receiver, false);
        SmpClient toPeer = clients.apply(invitation.server());
        own.createQueue(c)
                .thenCompose(queue -> {
                    c.inbound = queue;
                    c.outboundClient = toPeer;
                    byte[] myInvitation = queue.invitation().toUri().getBytes(StandardCharsets.US_ASCII);
                    return toPeer.connect(invitation, myInvitation);
                })
                .whenComplete((sender, failure) -> {
                    if (failure != null) {
                        c.outbound.completeExceptionally(failure);
                        c.established.completeExceptionally(failure);
                    } else {
                        c.outbound.complete(sender);
                    }
                });
        return c.established;
    }

    /**
     * Sends an application message to the peer.
     *
     * @param content the application message
     * @return a future completed once the server stored the message
     */
    public CompletableFuture<Void> send(byte[] content) {
        if (state != State.OPEN) {
            throw new IllegalStateException("duplex connection not established");
        }
        return outboundClient.send(outbound.join(), content);
    }

    /**
     * The queue this side reads.
     *
     * @return the inbound queue
     */
    public RecipientQueue inbound() {
        return inbound;
    }

    /**
     * The queue this side writes.
     *
     * @return the outbound queue
     */
    public SenderQueue outbound() {
        return outbound.getNow(null);
    }

    @Override
    public void onMessage(RecipientQueue queue, ReceivedMessage message) {
        Envelope envelope = message.envelope().orElse(null);
        CompletableFuture<Void> step = switch (state) {
            case AWAIT_CONFIRMATION ->
                envelope == null || envelope.senderKey().isEmpty() ? null : onConfirmation(queue, envelope);
            case AWAIT_READY -> envelope != null && READY.equals(envelope.header()) ? onReady() : null;
            case OPEN -> {
                if (envelope != null && envelope.header().isEmpty()) {
                    receiver.accept(envelope.content());
                }
                yield null;
            }
        };
        if (step == null) {
            inboundClient.acknowledge(queue);
        } else {
            step.whenComplete((ok, failure) -> {
                if (failure != null) {
                    established.completeExceptionally(failure);
                }
            });
        }
    }

    private CompletableFuture<Void> onConfirmation(RecipientQueue queue, Envelope confirmation) {
        byte[] peerKey = confirmation.senderKey().orElseThrow();
        if (initiator) {
            Invitation peer;
            try {
                peer = Invitation.parse(new String(confirmation.content(), StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                return null;
            }
            state = State.AWAIT_READY;
            SmpClient toPeer = clients.apply(peer.server());
            outboundClient = toPeer;
            return inboundClient
                    .secure(queue, peerKey)
                    .thenCompose(ok -> inboundClient.acknowledge(queue))
                    .thenCompose(ok -> toPeer.connect(peer, new byte[0]))
                    .thenAccept(outbound::complete);
        }
        state = State.OPEN;
        return inboundClient
                .secure(queue, peerKey)
                .thenCompose(ok -> inboundClient.acknowledge(queue))
                .thenCompose(ok -> outbound)
                .thenCompose(sender -> outboundClient.send(sender, new Envelope(READY, new byte[0])))
                .thenRun(() -> established.complete(this));
    }

    private CompletableFuture<Void> onReady() {
        state = State.OPEN;
        outbound.thenRun(() -> established.complete(this));
        return inboundClient.acknowledge(inbound);
    }

    @Override
    public void onEnd(RecipientQueue queue) {
        established.completeExceptionally(new IllegalStateException("queue subscribed by another connection"));
    }

    @Override
    public String toString() {
        return "DuplexConnection[" + state + ", in=" + inbound + ", out=" + outbound() + "]";
    }
}
