package dev.missive.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.smp.JdbcMessageStore;
import dev.missive.jdbc.smp.JdbcQueueStore;
import dev.missive.smp.SignatureScheme;
import dev.missive.smp.SigningKey;
import dev.missive.smp.client.QueueHandler;
import dev.missive.smp.client.ReceivedMessage;
import dev.missive.smp.client.RecipientQueue;
import dev.missive.smp.client.SenderQueue;
import dev.missive.smp.client.SmpClient;
import dev.missive.smp.model.ServerAddress;
import dev.missive.smp.model.SmpError;
import dev.missive.smp.model.SmpException;
import dev.missive.smp.spi.QueueRecord;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.smp.SmpTcpClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * SMP ({@code missive smp-server}): one sender connection pipelines numbered {@code SEND}s over a few
 * secured queues while one recipient connection, subscribed to all of them, acknowledges each message
 * as it arrives. Queue keys stay in the test, so the queues must survive every kill.
 *
 * <p>What SMP allows, and what is asserted:
 * <ul>
 *   <li>a {@code SEND} answered {@code OK} is stored: it is delivered, once the node is back;</li>
 *   <li>a {@code SEND} answered {@code ERR} is not stored: never delivered;</li>
 *   <li>a {@code SEND} without an answer (in flight at a kill) may or may not be stored;</li>
 *   <li>a message whose {@code ACK} was answered is deleted: never delivered again;</li>
 *   <li>a message delivered and not (or not answered) acknowledged when the node dies is delivered again
 *       after the restart (at least once): a second delivery needs a kill between the two;</li>
 *   <li>every delivered body decrypts to a number sent on that queue; queue records (with the sender
 *       key from {@code KEY}) are never lost.</li>
 * </ul>
 */
final class SmpCrashWorkload implements CrashWorkload {

    private static final int QUEUES = 3;
    /** SENDs in flight at once: a kill finds several unanswered. */
    private static final int WINDOW = 16;

    private static final String END = "end";
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final RandomSource random = RandomSource.secure();
    private final List<Queue> queues = new ArrayList<>();
    private final Map<Integer, Integer> sentTo = new ConcurrentHashMap<>();
    private final Set<Integer> sendAnswered = ConcurrentHashMap.newKeySet();
    private final Set<Integer> sendRefused = ConcurrentHashMap.newKeySet();
    private final Set<Integer> ackAnswered = ConcurrentHashMap.newKeySet();
    /** Delivered when a kill came, ACK sent or not: the kill may have cut off an ACK that deleted it. */
    private final Set<Integer> ackInDoubt = ConcurrentHashMap.newKeySet();

    private final Map<Integer, Integer> deliveries = new ConcurrentHashMap<>();
    /** The node life in which each number was last delivered. */
    private final Map<Integer, Integer> deliveredInLife = new ConcurrentHashMap<>();

    private final List<String> violations = new ArrayList<>();
    private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();

    private int nextNumber;
    private int life;
    private SmpTcpClient sender;
    private SmpTcpClient recipient;
    private Thread sending;
    private volatile boolean stopping;

    /** A queue of the test: the recipient's keys and the sender's key survive in the test across kills. */
    private static final class Queue {
        final int index;
        RecipientQueue recipient;
        final SigningKey senderKey;
        volatile boolean endSeen;
        /** The number delivered and whose ACK is not answered yet. */
        volatile Integer outstanding;

        Queue(int index, RecipientQueue recipient, SigningKey senderKey) {
            this.index = index;
            this.recipient = recipient;
            this.senderKey = senderKey;
        }

        /** The same queue on the restarted node's address (the port changes). */
        void moveTo(ServerAddress server) {
            RecipientQueue q = recipient;
            recipient = new RecipientQueue(server, q.recipientId(), q.senderId(), q.recipientKey(), q.encryptionKey());
        }

        SenderQueue sender() {
            return new SenderQueue(
                    recipient.server(),
                    recipient.senderId(),
                    senderKey,
                    recipient.encryptionKey().publicKey());
        }
    }

    @Override
    public String name() {
        return "smp";
    }

    @Override
    public List<String> nodeArguments(String store) {
        return List.of("smp-server", "--port", "0", "--store", store);
    }

    @Override
    public void prepare(InetSocketAddress node, String store) throws Exception {
        ServerAddress server = address(node);
        try (SmpTcpClient setup = SmpTcpClient.connect(server)) {
            for (int i = 0; i < QUEUES; i++) {
                RecipientQueue queue = reply(setup.client().createQueue((q, m) -> {}));
                SigningKey senderKey = SignatureScheme.standard().generateKey(random);
                reply(setup.client().secure(queue, senderKey.publicKey()));
                queues.add(new Queue(i, queue, senderKey));
            }
        }
    }

    @Override
    public void startTraffic(InetSocketAddress node) throws Exception {
        connect(node);
        stopping = false;
        SmpTcpClient client = sender;
        sending = Thread.ofVirtual().name("smp-crash-sender").start(() -> sendUntilStopped(client));
    }

    private void connect(InetSocketAddress node) throws Exception {
        life++;
        ServerAddress server = address(node);
        recipient = SmpTcpClient.connect(server);
        for (Queue queue : queues) {
            queue.moveTo(server);
            recipient.client().register(queue.recipient, handler(queue, recipient.client(), life));
            try {
                reply(recipient.client().subscribe(queue.recipient));
            } catch (RuntimeException e) {
                throw new AssertionError("queue " + queue.index + " is gone after a kill (SUB failed)", e);
            }
        }
        sender = SmpTcpClient.connect(server);
    }

    private QueueHandler handler(Queue queue, SmpClient client, int nodeLife) {
        return (q, message) -> received(queue, client, nodeLife, message);
    }

    /** On the recipient connection's reader thread: check the delivery, then acknowledge it. */
    private void received(Queue queue, SmpClient client, int nodeLife, ReceivedMessage message) {
        if (message.envelope().isEmpty()) {
            violation("queue " + queue.index + ": a body that does not decrypt");
            return;
        }
        String text = new String(message.envelope().get().content(), StandardCharsets.UTF_8);
        if (text.equals(END)) {
            queue.endSeen = true;
        } else {
            int number = Integer.parseInt(text);
            if (!Integer.valueOf(queue.index).equals(sentTo.get(number))) {
                violation("queue " + queue.index + ": message " + number + " was never sent to it");
            }
            if (sendRefused.contains(number)) {
                violation("message " + number + " delivered although its SEND was answered ERR");
            }
            if (ackAnswered.contains(number)) {
                violation("message " + number + " delivered again after its ACK was answered");
            }
            Integer earlier = deliveredInLife.put(number, nodeLife);
            if (earlier != null && earlier == nodeLife) {
                violation("message " + number + " delivered twice without a crash between");
            }
            deliveries.merge(number, 1, Integer::sum);
            queue.outstanding = number;
        }
        // The ACK's answer (OK or the next MSG) completes this before the next message is handled.
        client.acknowledge(queue.recipient).whenComplete((ok, failure) -> {
            if (failure == null) {
                if (!text.equals(END)) {
                    ackAnswered.add(Integer.parseInt(text));
                    queue.outstanding = null;
                }
            } else if (protocolError(failure) != null) {
                violation("ACK of " + text + " refused: " + failure);
            }
        });
    }

    private void sendUntilStopped(SmpTcpClient client) {
        Semaphore window = new Semaphore(WINDOW);
        while (!stopping && !client.isClosed()) {
            try {
                window.acquire();
            } catch (InterruptedException e) {
                return;
            }
            int number;
            synchronized (this) {
                number = nextNumber++;
            }
            Queue queue = queues.get(number % QUEUES);
            sentTo.put(number, queue.index);
            CompletableFuture<Void> reply = client.client()
                    .send(queue.sender(), Integer.toString(number).getBytes(StandardCharsets.UTF_8));
            inFlight.add(reply);
            reply.whenComplete((ok, failure) -> {
                if (failure == null) {
                    sendAnswered.add(number);
                } else if (protocolError(failure) != null) {
                    // ERR: not stored. Only a full queue (ERR SIZE, the recipient fell behind) is expected.
                    sendRefused.add(number);
                    if (protocolError(failure).error() != SmpError.SIZE) {
                        violation("SEND " + number + " refused: " + failure);
                    }
                }
                inFlight.remove(reply);
                window.release();
            });
        }
    }

    /** The server's ERR behind a failed reply, or null when the connection ended without an answer. */
    private static SmpException protocolError(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof SmpException e ? e : null;
    }

    @Override
    public int acknowledged() {
        return sendAnswered.size();
    }

    @Override
    public void stopTraffic() throws Exception {
        stopping = true;
        // The node is dead: both connections end and every pending request fails, which frees the window.
        sender.close();
        recipient.close();
        if (!sending.join(REPLY_TIMEOUT)) {
            throw new AssertionError("the SMP sender did not stop");
        }
        await().atMost(REPLY_TIMEOUT).until(inFlight::isEmpty);
        for (Queue queue : queues) {
            Integer outstanding = queue.outstanding;
            if (outstanding != null) {
                ackInDoubt.add(outstanding);
                queue.outstanding = null;
            }
        }
    }

    @Override
    public void checkStore(String store) {
        try (Database database = Database.open(store)) {
            JdbcQueueStore queueStore = new JdbcQueueStore(database);
            JdbcMessageStore messageStore = new JdbcMessageStore(database);
            for (Queue queue : queues) {
                QueueRecord record = queueStore
                        .findByRecipientId(queue.recipient.recipientId())
                        .orElseThrow(() -> new AssertionError("queue " + queue.index + " lost"));
                assertThat(record.senderKey())
                        .as("queue %d sender key", queue.index)
                        .isEqualTo(queue.senderKey.publicKey());
                // Answered SENDs not deleted by an answered ACK must still be stored, except those delivered
                // when a kill came: an ACK whose answer the kill cut off may have deleted them.
                long mustHold = sendAnswered.stream()
                        .filter(n ->
                                sentTo.get(n) == queue.index && !ackAnswered.contains(n) && !ackInDoubt.contains(n))
                        .count();
                assertThat((long) messageStore.count(queue.recipient.recipientId()))
                        .as("queue %d holds every answered SEND not yet acknowledged", queue.index)
                        .isGreaterThanOrEqualTo(mustHold);
            }
        }
        assertNoViolations();
    }

    @Override
    public void verify(InetSocketAddress node, String store) throws Exception {
        connect(node);
        // An end marker behind everything else on each queue: once it arrives, the queue is drained.
        for (Queue queue : queues) {
            reply(sender.client().send(queue.sender(), END.getBytes(StandardCharsets.UTF_8)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> queues.stream().allMatch(q -> q.endSeen));
        assertNoViolations();
        Set<Integer> lost = new HashSet<>(sendAnswered);
        lost.removeAll(deliveries.keySet());
        assertThat(lost).as("SENDs answered OK and never delivered").isEmpty();
        Map<Integer, Integer> redelivered = new HashMap<>(deliveries);
        redelivered.values().removeIf(count -> count == 1);
        long inDoubtDelivered = deliveries.keySet().stream()
                .filter(n -> !sendAnswered.contains(n))
                .count();
        System.out.printf(
                "smp: %d SENDs answered OK, %d in doubt at a kill (%d of them stored), %d refused,"
                        + " %d delivered again after a kill%n",
                sendAnswered.size(),
                sentTo.size() - sendAnswered.size() - sendRefused.size(),
                inDoubtDelivered,
                sendRefused.size(),
                redelivered.size());
    }

    private synchronized void violation(String what) {
        violations.add(what);
    }

    private synchronized void assertNoViolations() {
        assertThat(violations).as("SMP delivery rules broken").isEmpty();
    }

    @Override
    public void close() {
        stopping = true;
        if (sender != null) {
            sender.close();
        }
        if (recipient != null) {
            recipient.close();
        }
    }

    private static ServerAddress address(InetSocketAddress node) {
        return ServerAddress.plain(node.getAddress().getHostAddress(), node.getPort());
    }

    private static <T> T reply(CompletableFuture<T> reply) throws Exception {
        return reply.get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
