package dev.missive.tcp.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.crypto.Ed25519PrivateKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 1,000 queues spread over 50 connections, each connection the recipient of 20 queues and the
 * sender to 20 queues of another connection, everything at once: every message arrives exactly
 * once and in order per queue.
 */
class ManyQueuesManyConnectionsTest {

    private static final int CONNECTIONS = 50;
    private static final int QUEUES_PER_CONNECTION = 20;
    private static final int MESSAGES_PER_QUEUE = 5;

    /** A connection that acknowledges every MSG as it arrives and records the bodies per queue. */
    private static final class Recipient {
        final SmpTcpConnection tcp;
        final Wire.Parser parser = new Wire.Parser();
        final List<Wire.Reply> others = new CopyOnWriteArrayList<>();
        final Map<String, Ed25519PrivateKey> keys = new ConcurrentHashMap<>();

        Recipient(SmpTcpConnection tcp, Map<String, List<String>> delivered, AtomicInteger count) {
            this.tcp = tcp;
            tcp.start((b, o, l) -> {
                parser.feed(b, o, l);
                for (Wire.Reply r : parser.drain()) {
                    if (r.kind().equals("MSG")) {
                        delivered
                                .computeIfAbsent(r.connId(), k -> new CopyOnWriteArrayList<>())
                                .add(r.bodyText());
                        count.incrementAndGet();
                        tcp.sink().send(Wire.signed(keys.get(r.connId()), r.connId(), "ACK"));
                    } else {
                        others.add(r);
                    }
                }
            });
        }
    }

    @ParameterizedTest
    @EnumSource(SmpTransportMode.class)
    void everyMessageOnceAndInOrder(SmpTransportMode mode) throws IOException {
        SecureRandom random = new SecureRandom();
        Map<String, List<String>> delivered = new ConcurrentHashMap<>();
        AtomicInteger count = new AtomicInteger();
        try (SmpTcpServer server = ServerFixture.start(mode)) {
            byte[] hash = mode == SmpTransportMode.ENCRYPTED ? server.keyHash() : null;
            List<Recipient> connections = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    connections.add(new Recipient(
                            SmpTcpConnection.connect(SmpTcpConnection.Options.of(
                                    "127.0.0.1", server.address().getPort(), mode, hash)),
                            delivered,
                            count));
                }
                // Each connection creates its queues; the IDS replies come back in CONN order.
                List<List<Ed25519PrivateKey>> created = new ArrayList<>();
                for (Recipient c : connections) {
                    List<Ed25519PrivateKey> keys = new ArrayList<>();
                    ByteArrayOutputStream conns = new ByteArrayOutputStream();
                    for (int q = 0; q < QUEUES_PER_CONNECTION; q++) {
                        Ed25519PrivateKey rk = Ed25519PrivateKey.generate(random);
                        keys.add(rk);
                        conns.writeBytes(Wire.unsigned(
                                "", "CONN " + Wire.b64(rk.publicKey().spki())));
                    }
                    c.tcp.sink().send(conns.toByteArray());
                    created.add(keys);
                }
                Map<String, String> ridBySid = new ConcurrentHashMap<>();
                List<List<String>> sidsByOwner = new ArrayList<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    Recipient c = connections.get(i);
                    await().atMost(Duration.ofSeconds(60)).until(() -> c.others.size() >= QUEUES_PER_CONNECTION);
                    List<String> sids = new ArrayList<>();
                    for (int q = 0; q < QUEUES_PER_CONNECTION; q++) {
                        String[] ids = c.others.get(q).words();
                        assertThat(ids[0]).isEqualTo("IDS");
                        c.keys.put(ids[1], created.get(i).get(q));
                        ridBySid.put(ids[2], ids[1]);
                        sids.add(ids[2]);
                    }
                    c.others.clear();
                    sidsByOwner.add(sids);
                }
                assertThat(ridBySid).hasSize(CONNECTIONS * QUEUES_PER_CONNECTION);

                // Connection i sends to the queues of connection i+1, all messages in one write.
                for (int i = 0; i < CONNECTIONS; i++) {
                    ByteArrayOutputStream sends = new ByteArrayOutputStream();
                    for (String sid : sidsByOwner.get((i + 1) % CONNECTIONS)) {
                        for (int m = 0; m < MESSAGES_PER_QUEUE; m++) {
                            sends.writeBytes(Wire.unsigned(sid, "SEND :" + sid + "#" + m));
                        }
                    }
                    connections.get(i).tcp.sink().send(sends.toByteArray());
                }
                int total = CONNECTIONS * QUEUES_PER_CONNECTION * MESSAGES_PER_QUEUE;
                await().atMost(Duration.ofSeconds(120)).until(() -> count.get() >= total);

                assertThat(count.get()).isEqualTo(total);
                assertThat(delivered).hasSize(CONNECTIONS * QUEUES_PER_CONNECTION);
                ridBySid.forEach((sid, rid) -> {
                    List<String> expected = new ArrayList<>();
                    for (int m = 0; m < MESSAGES_PER_QUEUE; m++) {
                        expected.add(sid + "#" + m);
                    }
                    assertThat(delivered.get(rid)).as("queue %s", rid).isEqualTo(expected);
                });
                // Senders got one OK per SEND; recipients an OK for the last ACK of each queue.
                for (Recipient c : connections) {
                    int oks = QUEUES_PER_CONNECTION * MESSAGES_PER_QUEUE;
                    await().atMost(Duration.ofSeconds(60)).until(() -> c.others.size() >= oks);
                    assertThat(c.others).allSatisfy(r -> assertThat(r.command()).isEqualTo("OK"));
                }
            } finally {
                connections.forEach(c -> c.tcp.close());
            }
        }
    }
}
