package dev.missive.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.smp.client.ClientSession;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.testing.SeededRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many connections on their own threads against one server: every message is delivered exactly
 * once and in order per queue, while senders and receivers race.
 */
class ConcurrentDeliveryTest {

    private static final int RECEIVERS = 20;
    private static final int QUEUES_PER_RECEIVER = 10;
    private static final int SENDERS = 10;
    private static final int MESSAGES_PER_QUEUE = 10;

    private final List<ExecutorService> threads = new ArrayList<>();

    @AfterEach
    void stop() {
        threads.forEach(ExecutorService::shutdownNow);
    }

    /** A client session wired to a new server session through two single-thread pipes. */
    private ClientSession connect(SmpServer server, ClientSession.Listener listener) {
        ExecutorService toServer = Executors.newSingleThreadExecutor();
        ExecutorService toClient = Executors.newSingleThreadExecutor();
        threads.add(toServer);
        threads.add(toClient);
        ClientSession[] client = new ClientSession[1];
        ServerSession session =
                server.openSession(frame -> toClient.execute(() -> client[0].onBytes(frame, 0, frame.length)));
        client[0] =
                new ClientSession(frame -> toServer.execute(() -> session.onBytes(frame, 0, frame.length)), listener);
        return client[0];
    }

    @Test
    void everyMessageIsDeliveredOnceAndInOrderPerQueue() throws Exception {
        ServerHarness harness = new ServerHarness(new Reference2020SignatureScheme(), b -> b);
        SigningKey key = harness.scheme.generateKey(new SeededRandom(9));
        Map<QueueId, List<String>> received = new ConcurrentHashMap<>();
        AtomicInteger total = new AtomicInteger();
        List<QueueId> senderIds = new CopyOnWriteArrayList<>();

        for (int r = 0; r < RECEIVERS; r++) {
            ClientSession[] self = new ClientSession[1];
            self[0] = connect(harness.server, new ClientSession.Listener() {
                @Override
                public void onMessage(QueueId rid, ServerMessage.Msg message) {
                    received.computeIfAbsent(rid, k -> new CopyOnWriteArrayList<>())
                            .add(new String(message.body(), StandardCharsets.UTF_8));
                    total.incrementAndGet();
                    self[0].request(key, rid, new Command.Acknowledge());
                }

                @Override
                public void onEnd(QueueId rid) {
                    throw new AssertionError("unexpected END");
                }
            });
            for (int q = 0; q < QUEUES_PER_RECEIVER; q++) {
                var ids = (ServerMessage.Ids) self[0].request(null, null, new Command.Create(key.publicKey()))
                        .get(10, TimeUnit.SECONDS);
                senderIds.add(ids.senderId());
                received.put(ids.recipientId(), new CopyOnWriteArrayList<>());
            }
        }

        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        threads.add(senders);
        for (int s = 0; s < SENDERS; s++) {
            int offset = s;
            ClientSession sender = connect(harness.server, new ClientSession.Listener() {
                @Override
                public void onMessage(QueueId rid, ServerMessage.Msg message) {
                    throw new AssertionError("sender got MSG");
                }

                @Override
                public void onEnd(QueueId rid) {
                    throw new AssertionError("sender got END");
                }
            });
            senders.execute(() -> {
                for (int m = 0; m < MESSAGES_PER_QUEUE; m++) {
                    for (int q = offset; q < senderIds.size(); q += SENDERS) {
                        sender.request(null, senderIds.get(q), Command.Send.text(q + ":" + m));
                    }
                }
            });
        }

        int expected = RECEIVERS * QUEUES_PER_RECEIVER * MESSAGES_PER_QUEUE;
        await().atMost(Duration.ofSeconds(60)).until(() -> total.get() >= expected);
        assertThat(total.get()).isEqualTo(expected);
        for (List<String> perQueue : received.values()) {
            assertThat(perQueue).hasSize(MESSAGES_PER_QUEUE);
            String queuePrefix =
                    perQueue.getFirst().substring(0, perQueue.getFirst().indexOf(':') + 1);
            for (int m = 0; m < MESSAGES_PER_QUEUE; m++) {
                assertThat(perQueue.get(m)).isEqualTo(queuePrefix + m);
            }
        }
        // the last ACKs may still be in flight
        await().atMost(Duration.ofSeconds(10))
                .until(() -> received.keySet().stream().allMatch(rid -> harness.messages.count(rid) == 0));
    }
}
