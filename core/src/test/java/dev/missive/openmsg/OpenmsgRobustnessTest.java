package dev.missive.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.openmsg.spi.PeerResponse;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Races, failing stores and failing listeners: the node stays correct and never throws out of handle(). */
class OpenmsgRobustnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void concurrentDuplicatesOfOneMessageAreAcceptedExactlyOnce() throws Exception {
        TwoNodes net = new TwoNodes();
        net.connectBobToAlice();
        // A sender that confirms every time, so only the store's atomic replay guard can stop the duplicates.
        net.network.script(
                "a.example",
                OpenmsgEndpoint.MESSAGE_CONFIRM,
                request -> new PeerResponse(200, "{\"success\":true}".getBytes(StandardCharsets.UTF_8)));
        byte[] body = JSON.writeValueAsBytes(
                net.messageFromAlice("once", net.clock.now().getEpochSecond()));
        int racers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<String> codes = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return JSON.readTree(net.b
                                    .handle(OpenmsgEndpoint.MESSAGE_RECEIVE, body)
                                    .body())
                            .get("response_code")
                            .textValue();
                }));
            }
            start.countDown();
            for (Future<String> future : futures) {
                codes.add(future.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(codes).containsOnlyOnce("SM_S888");
        assertThat(codes).filteredOn(code -> !code.equals("SM_S888")).containsOnly("SM_E007");
        assertThat(net.b.inbox("2000000")).hasSize(1);
    }

    @Test
    void storeFailureBecomesHttp500AndNothingIsAcknowledged() throws Exception {
        TwoNodes net = new TwoNodes();
        net.connectBobToAlice();
        OpenmsgStore failing = failingOn(net.storeB, "acceptInbound");
        OpenmsgNode broken = OpenmsgNode.builder()
                .domain("b.example")
                .store(failing)
                .transport(net.network)
                .clock(net.clock)
                .random(bytes -> {})
                .build();
        byte[] body = JSON.writeValueAsBytes(
                net.messageFromAlice("lost", net.clock.now().getEpochSecond()));
        OpenmsgReply reply = broken.handle(OpenmsgEndpoint.MESSAGE_RECEIVE, body);
        assertThat(reply.httpStatus()).isEqualTo(500);
        var json = JSON.readTree(reply.body());
        assertThat(json.get("error").booleanValue()).isTrue();
        assertThat(json.get("response_code").textValue()).isEqualTo("SM_E000");
        assertThat(json.toString()).doesNotContain("disk", "Exception");
        assertThat(net.b.inbox("2000000")).isEmpty();

        OpenmsgNode brokenAcceptor = OpenmsgNode.builder()
                .domain("b.example")
                .store(failingOn(net.storeB, "user"))
                .transport(net.network)
                .clock(net.clock)
                .random(bytes -> {})
                .build();
        OpenmsgReply authReply = brokenAcceptor.handle(
                OpenmsgEndpoint.AUTH,
                ("{\"receiving_openmsg_address_id\":\"2000000\","
                                + "\"pass_code\":\"123456\",\"sending_openmsg_address\":\"1000000*a.example\","
                                + "\"sending_openmsg_address_name\":\"Alice\"}")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(authReply.httpStatus()).isEqualTo(500);
        assertThat(JSON.readTree(authReply.body()).get("error_message").textValue())
                .isEqualTo("internal error");
    }

    @Test
    void throwingEventListenerDoesNotDisturbTheProtocol() {
        TwoNodes net = new TwoNodes();
        OpenmsgNode loud = OpenmsgNode.builder()
                .domain("c.example")
                .store(new InMemoryOpenmsgStore())
                .transport(net.network)
                .clock(net.clock)
                .random(new java.util.Random(3)::nextBytes)
                .eventListener(new EventListener() {
                    @Override
                    public void onProtocolEvent(ProtocolEvent event) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build();
        net.network.register(loud);
        loud.addUser("3", "Carol");
        PassCode code = loud.issuePassCode("3");
        OpenmsgAddress carol = loud.address("3");
        assertThat(net.b.connect(net.bob, carol, code.code()).isConnected()).isTrue();
        assertThat(net.b.send(net.bob, carol, "hi Carol").isSent()).isTrue();
        assertThat(loud.send(carol, net.bob, "hi Bob").isSent()).isTrue();
        assertThat(loud.inbox("3")).extracting(InboxMessage::text).containsExactly("hi Carol");
    }

    /** {@code delegate}, except that {@code method} throws as a broken database would. */
    private static OpenmsgStore failingOn(OpenmsgStore delegate, String method) {
        return (OpenmsgStore) Proxy.newProxyInstance(
                OpenmsgStore.class.getClassLoader(), new Class<?>[] {OpenmsgStore.class}, (proxy, m, args) -> {
                    if (m.getName().equals(method)) {
                        throw new IllegalStateException("disk full");
                    }
                    try {
                        return m.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
