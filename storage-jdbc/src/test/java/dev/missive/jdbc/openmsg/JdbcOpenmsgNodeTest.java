package dev.missive.jdbc.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.openmsg.OpenmsgConfig;
import dev.missive.openmsg.OpenmsgEndpoint;
import dev.missive.openmsg.OpenmsgReply;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.TwoNodes;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OutboundMessage;
import dev.missive.openmsg.spi.OutboundStatus;
import dev.missive.openmsg.spi.PeerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one JDBC store (as in the load benchmark and a cluster): the engine's per-message
 * reads ({@code sendingUser}, {@code receivingConnection}) and writes give the same answers as on
 * the memory store.
 */
@OnEachDatabase
class JdbcOpenmsgNodeTest {

    private static final Pattern RESPONSE_CODE = Pattern.compile("\"response_code\"\\s*:\\s*\"([A-Z0-9_]+)\"");
    private static final int RACERS = 8;

    private final TestDatabase backend;

    JdbcOpenmsgNodeTest(TestDatabase backend) {
        this.backend = backend;
    }

    private TwoNodes nodesOnOneStore() {
        JdbcOpenmsgStore store = new JdbcOpenmsgStore(backend.database());
        backend.clear(JdbcOpenmsgStoreTables.ALL);
        return new TwoNodes(OpenmsgConfig.DEFAULTS, store, store);
    }

    @Test
    void sendNamesAMissingUserOrConnection() {
        TwoNodes net = nodesOnOneStore();
        assertThat(net.a.send(OpenmsgAddress.parse("1000001*a.example"), net.bob, "hello"))
                .isInstanceOfSatisfying(
                        SendResult.Failed.class,
                        failed -> assertThat(failed.reason()).isEqualTo(SendResult.SendFailure.UNKNOWN_USER));
        assertThat(net.a.send(net.alice, net.bob, "hello"))
                .isInstanceOfSatisfying(
                        SendResult.Failed.class,
                        failed -> assertThat(failed.reason()).isEqualTo(SendResult.SendFailure.NOT_CONNECTED));
    }

    @Test
    void aMessageIsDeliveredAndConfirmedOnce() {
        TwoNodes net = nodesOnOneStore();
        net.connectBobToAlice();
        assertThat(net.a.send(net.alice, net.bob, "hello")).isInstanceOf(SendResult.Sent.class);
        assertThat(net.b.inbox("2000000")).extracting(InboxMessage::text).containsExactly("hello");
        assertThat(net.storeA.outbound(net.alice))
                .singleElement()
                .extracting(OutboundMessage::status)
                .isEqualTo(OutboundStatus.DELIVERED);
    }

    @Test
    void aReplayIsSmE007WithoutAConfirmationCallback() {
        TwoNodes net = nodesOnOneStore();
        net.connectBobToAlice();
        byte[] body = net.messageBytesFromAlice("hello", net.clock.now().getEpochSecond());
        assertThat(responseCode(net.b.handle(OpenmsgEndpoint.MESSAGE_RECEIVE, body)))
                .isEqualTo("SM_S888");
        // A sender that confirms everything: only the replay guard can refuse the second delivery.
        net.network.script(
                "a.example",
                OpenmsgEndpoint.MESSAGE_CONFIRM,
                request -> new PeerResponse(200, "{\"success\":true}".getBytes(StandardCharsets.UTF_8)));
        int exchanges = net.network.exchanges().size();

        assertThat(responseCode(net.b.handle(OpenmsgEndpoint.MESSAGE_RECEIVE, body)))
                .isEqualTo("SM_E007");
        assertThat(net.network.exchanges()).as("refused before the callback").hasSize(exchanges);
        assertThat(net.b.inbox("2000000")).hasSize(1);
    }

    @Test
    void concurrentDeliveriesOfOneMessageAreAcceptedOnce() throws Exception {
        TwoNodes net = nodesOnOneStore();
        net.connectBobToAlice();
        byte[] body = net.messageBytesFromAlice("hello", net.clock.now().getEpochSecond());
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return responseCode(net.b.handle(OpenmsgEndpoint.MESSAGE_RECEIVE, body));
                }));
            }
            start.countDown();
            List<String> codes = new ArrayList<>();
            for (Future<String> future : futures) {
                codes.add(future.get(30, TimeUnit.SECONDS));
            }
            // A loser is refused by the replay guard, or by the sender, which confirms a message once.
            assertThat(codes).containsOnlyOnce("SM_S888").isSubsetOf("SM_S888", "SM_E007", "SM_E003");
        } finally {
            pool.shutdownNow();
        }
        assertThat(net.b.inbox("2000000")).hasSize(1);
    }

    private static String responseCode(OpenmsgReply reply) {
        assertThat(reply.httpStatus()).isEqualTo(200);
        Matcher code = RESPONSE_CODE.matcher(new String(reply.body(), StandardCharsets.UTF_8));
        assertThat(code.find()).as("a response_code in the reply").isTrue();
        return code.group(1);
    }
}
