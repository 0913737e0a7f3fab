package dev.missive.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OpenmsgConnection;
import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.openmsg.spi.OutboundMessage;
import dev.missive.openmsg.spi.OutboundStatus;
import dev.missive.openmsg.wire.MessageSeal;
import dev.missive.spi.RandomSource;
import dev.missive.testing.ManualClock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test fixture: nodes {@code a.example} (user Alice {@code 1000000}) and {@code b.example} (user Bob
 * {@code 2000000}) with in-memory stores (or the stores given), one shared {@link ManualClock}, seeded randomness and an
 * {@link InProcessNetwork}.
 */
public final class TwoNodes {

    public static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    public final ManualClock clock = new ManualClock(START);
    public final InProcessNetwork network = new InProcessNetwork();
    public final OpenmsgStore storeA;
    public final OpenmsgStore storeB;
    public final List<OpenmsgEvent> events = new CopyOnWriteArrayList<>();
    public final OpenmsgNode a;
    public final OpenmsgNode b;
    public final OpenmsgAddress alice = OpenmsgAddress.parse("1000000*a.example");
    public final OpenmsgAddress bob = OpenmsgAddress.parse("2000000*b.example");

    public TwoNodes() {
        this(OpenmsgConfig.DEFAULTS);
    }

    public TwoNodes(OpenmsgConfig config) {
        this(config, new InMemoryOpenmsgStore(), new InMemoryOpenmsgStore());
    }

    /**
     * The two nodes on the given stores, which may be one and the same (as two nodes of a benchmark
     * or a cluster share one database); the users of the two nodes have different ids.
     */
    public TwoNodes(OpenmsgConfig config, OpenmsgStore storeA, OpenmsgStore storeB) {
        this.storeA = storeA;
        this.storeB = storeB;
        a = node("a.example", storeA, 1, config);
        b = node("b.example", storeB, 2, config);
        a.addUser("1000000", "Alice");
        b.addUser("2000000", "Bob");
    }

    private OpenmsgNode node(String domain, OpenmsgStore store, long seed, OpenmsgConfig config) {
        Random random = new Random(seed);
        RandomSource source = bytes -> {
            synchronized (random) {
                random.nextBytes(bytes);
            }
        };
        OpenmsgNode node = OpenmsgNode.builder()
                .domain(domain)
                .store(store)
                .transport(network)
                .clock(clock)
                .random(source)
                .eventListener(new EventListener() {
                    @Override
                    public void onProtocolEvent(ProtocolEvent event) {
                        events.add((OpenmsgEvent) event);
                    }
                })
                .config(config)
                .build();
        network.register(node);
        return node;
    }

    /** Bob connects to Alice with a fresh pass code of hers; asserts success. */
    public void connectBobToAlice() {
        PassCode code = a.issuePassCode("1000000");
        ConnectResult result = b.connect(bob, alice, code.code());
        assertThat(result).isEqualTo(new ConnectResult.Connected(bob, alice, "Alice"));
    }

    /**
     * A correct message-receive body from Alice to Bob (for posting to node b's handle directly);
     * Alice's node has recorded it as sent, so its message-confirm will confirm it once.
     */
    public ObjectNode messageFromAlice(String text, long timestamp) {
        OpenmsgConnection connection = aliceToBob();
        byte[] nonce = new byte[24];
        Arrays.fill(nonce, (byte) timestamp);
        nonce[0] = (byte) text.hashCode();
        MessageSeal.Sealed sealed = MessageSeal.seal(
                connection.messageCryptKey(), connection.authCode(), nonce, new byte[16], timestamp, text);
        storeA.addOutbound(new OutboundMessage(
                alice,
                bob,
                sealed.messageHash(),
                sealed.messageNonce(),
                text,
                clock.now(),
                clock.now().plusSeconds(60),
                OutboundStatus.PENDING));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("receiving_openmsg_address_id", bob.id());
        body.put("ident_code", connection.identCode().revealText());
        body.put("message_package", sealed.messagePackage());
        body.put("message_hash", sealed.messageHash());
        body.put("message_salt", sealed.messageSalt());
        body.put("message_timestamp", timestamp);
        return body;
    }

    /** {@link #messageFromAlice} as the bytes of its JSON text, for tests that parse no JSON themselves. */
    public byte[] messageBytesFromAlice(String text, long timestamp) {
        return messageFromAlice(text, timestamp).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Alice's connection to Bob as stored on node a. */
    public OpenmsgConnection aliceToBob() {
        return storeA.connection(alice, bob).orElseThrow();
    }

    /** Bob's connection to Alice as stored on node b. */
    public OpenmsgConnection bobToAlice() {
        return storeB.connection(bob, alice).orElseThrow();
    }
}
