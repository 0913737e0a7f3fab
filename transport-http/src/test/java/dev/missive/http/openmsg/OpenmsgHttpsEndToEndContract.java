package dev.missive.http.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.Secret;
import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OpenmsgConnection;
import dev.missive.openmsg.spi.OpenmsgStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Openmsg nodes over real HTTPS on loopback: pass code, handshake, messages both ways, inboxes.
 * Subclasses choose the stores (memory, SQLite, PostgreSQL).
 */
abstract class OpenmsgHttpsEndToEndContract {

    private LoopbackNodes nodes;
    private OpenmsgStore storeA;
    private OpenmsgStore storeB;
    private OpenmsgNode a;
    private OpenmsgNode b;
    private OpenmsgAddress alice;
    private OpenmsgAddress bob;

    /** A fresh, empty store for the node called {@code name} ("a" or "b"). */
    protected abstract OpenmsgStore newStore(String name);

    @BeforeEach
    void startNodes() throws Exception {
        nodes = LoopbackNodes.https();
        storeA = newStore("a");
        storeB = newStore("b");
        a = nodes.start("a.example", storeA).node();
        b = nodes.start("b.example", storeB).node();
        a.addUser("1000000", "Alice");
        b.addUser("2000000", "Bob");
        alice = a.address("1000000");
        bob = b.address("2000000");
    }

    @AfterEach
    void stopNodes() {
        nodes.close();
    }

    private void connect() {
        Secret code = b.issuePassCode("2000000").code();
        ConnectResult result = a.connect(alice, bob, code);
        assertThat(result).isEqualTo(new ConnectResult.Connected(alice, bob, "Bob"));
    }

    @Test
    void passCodeHandshakeAndMessagesBothWays() {
        connect();

        OpenmsgConnection atA = storeA.connection(alice, bob).orElseThrow();
        OpenmsgConnection atB = storeB.connection(bob, alice).orElseThrow();
        assertThat(atA.authCode()).isEqualTo(atB.authCode());
        assertThat(atA.identCode()).isEqualTo(atB.identCode());
        assertThat(atA.messageCryptKey()).isEqualTo(atB.messageCryptKey());
        assertThat(atB.otherName()).isEqualTo("Alice");

        assertThat(a.send(alice, bob, "Hello Bob, über HTTPS")).isInstanceOf(SendResult.Sent.class);
        assertThat(b.send(bob, alice, "Hello Alice")).isInstanceOf(SendResult.Sent.class);
        assertThat(a.send(alice, bob, "second")).isInstanceOf(SendResult.Sent.class);

        assertThat(b.inbox("2000000"))
                .extracting(InboxMessage::sender, InboxMessage::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(alice, "Hello Bob, über HTTPS"),
                        org.assertj.core.groups.Tuple.tuple(alice, "second"));
        assertThat(a.inbox("1000000")).singleElement().satisfies(m -> {
            assertThat(m.sender()).isEqualTo(bob);
            assertThat(m.senderName()).isEqualTo("Bob");
            assertThat(m.text()).isEqualTo("Hello Alice");
        });
    }

    @Test
    void aWrongPassCodeConnectsNobody() {
        Secret code = b.issuePassCode("2000000").code();
        String wrong = code.matchesText("000000") ? "000001" : "000000";

        assertThat(a.connect(alice, bob, Secret.ofText(wrong)).isConnected()).isFalse();

        assertThat(storeA.connection(alice, bob)).isEmpty();
        assertThat(storeB.connection(bob, alice)).isEmpty();
        assertThat(a.connect(alice, bob, code).isConnected()).isTrue();
    }

    @Test
    void concurrentSendsInBothDirectionsAllArrive() throws Exception {
        connect();
        int perSide = 12;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<SendResult>> results = new ArrayList<>();
            for (int i = 0; i < perSide; i++) {
                String n = Integer.toString(i);
                results.add(pool.submit(() -> a.send(alice, bob, "a" + n)));
                results.add(pool.submit(() -> b.send(bob, alice, "b" + n)));
            }
            for (Future<SendResult> result : results) {
                assertThat(result.get()).isInstanceOf(SendResult.Sent.class);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(b.inbox("2000000")).hasSize(perSide);
        assertThat(a.inbox("1000000")).hasSize(perSide);
    }
}
