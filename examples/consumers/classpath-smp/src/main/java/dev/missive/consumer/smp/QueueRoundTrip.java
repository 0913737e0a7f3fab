package dev.missive.consumer.smp;

import dev.missive.smp.SmpServer;
import dev.missive.smp.client.ReceivedMessage;
import dev.missive.smp.client.RecipientQueue;
import dev.missive.smp.client.SenderQueue;
import dev.missive.smp.client.SmpClient;
import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.model.ServerAddress;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.smp.SmpTcpClientPool;
import dev.missive.tcp.smp.SmpTcpServer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One SMP queue round trip on loopback TCP: an {@link SmpServer} on in-memory stores, a recipient
 * who creates a queue, a sender who connects through its invitation, the recipient securing the queue
 * with the sender's key from the confirmation, then one message sent, received and acknowledged.
 * Exits 0 only if every step succeeded.
 */
public final class QueueRoundTrip {

    private static final long TIMEOUT_SECONDS = 30;

    private QueueRoundTrip() {
    }

    /**
     * Runs the round trip.
     *
     * @param args ignored
     * @throws Exception when a step fails
     */
    public static void main(String[] args) throws Exception {
        SmpServer engine = SmpServer.builder().queueStore(new InMemoryQueueStore())
                .messageStore(new InMemoryMessageStore()).clock(Clock.system()).random(RandomSource.secure()).build();
        BlockingQueue<ReceivedMessage> arrived = new LinkedBlockingQueue<>();
        try (SmpTcpServer server = SmpTcpServer.builder(engine).host("127.0.0.1").port(0).start();
                SmpTcpClientPool recipientPool = new SmpTcpClientPool();
                SmpTcpClientPool senderPool = new SmpTcpClientPool()) {
            ServerAddress address = ServerAddress.plain("127.0.0.1", server.address().getPort());
            SmpClient recipient = recipientPool.apply(address);
            SmpClient sender = senderPool.apply(address);

            RecipientQueue queue = recipient.createQueue((q, message) -> arrived.add(message))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            SenderQueue senderQueue = sender.connect(queue.invitation(), bytes("hello, it's me"))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            ReceivedMessage confirmation = next(arrived);
            byte[] senderKey = confirmation.envelope().orElseThrow().senderKey().orElseThrow();
            recipient.secure(queue, senderKey).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            recipient.acknowledge(queue).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            System.out.println("queue " + queue.recipientId().base64() + " secured with the sender's key");

            sender.send(senderQueue, bytes("Hello over SMP")).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String text = new String(next(arrived).envelope().orElseThrow().content(), StandardCharsets.UTF_8);
            recipient.acknowledge(queue).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!text.equals("Hello over SMP")) {
                System.err.println("FAILED: received " + text);
                System.exit(1);
            }
            System.out.println("message received and acknowledged: " + text);
        }
    }

    private static ReceivedMessage next(BlockingQueue<ReceivedMessage> arrived) throws InterruptedException {
        ReceivedMessage message = arrived.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (message == null) {
            System.err.println("FAILED: no message within " + TIMEOUT_SECONDS + " s");
            System.exit(1);
        }
        return message;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
