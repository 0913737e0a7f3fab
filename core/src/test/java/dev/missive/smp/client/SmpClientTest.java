package dev.missive.smp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.missive.smp.SmpServer;
import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.model.ServerAddress;
import dev.missive.smp.model.SmpError;
import dev.missive.smp.model.SmpException;
import dev.missive.spi.Clock;
import dev.missive.testing.SeededRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmpClientTest {

    private static final ServerAddress ALICE_SERVER = ServerAddress.plain("alice.example", 5223);
    private static final ServerAddress BOB_SERVER = new ServerAddress("bob.example", 7000, new byte[32]);

    private final InProcessNetwork network = new InProcessNetwork();
    private final SmpServer aliceServer = server(1);
    private final SmpServer bobServer = server(2);

    private static SmpServer server(long seed) {
        return SmpServer.builder()
                .queueStore(new InMemoryQueueStore())
                .messageStore(new InMemoryMessageStore())
                .clock(Clock.fixed(java.time.Instant.parse("2026-11-23T07:00:00Z")))
                .random(new SeededRandom(seed))
                .build();
    }

    @AfterEach
    void close() {
        network.close();
    }

    private static <T> T done(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    /** Collects received messages and acknowledges each. */
    private static final class Inbox implements QueueHandler {
        final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
        volatile SmpClient client;

        @Override
        public void onMessage(RecipientQueue queue, ReceivedMessage message) {
            received.add(message);
            client.acknowledge(queue);
        }

        List<String> texts() {
            return received.stream()
                    .map(m -> m.envelope()
                            .map(e -> new String(e.content(), StandardCharsets.UTF_8))
                            .orElse("<undecryptable>"))
                    .toList();
        }
    }

    @Test
    void simplexProcedureOfTheSeedWithEncryptedBodies() throws Exception {
        SmpClient alice = network.connect(aliceServer, ALICE_SERVER);
        SmpClient bob = network.connect(aliceServer, ALICE_SERVER);
        Inbox inbox = new Inbox();
        inbox.client = alice;
        List<ReceivedMessage> confirmations = new CopyOnWriteArrayList<>();
        RecipientQueue queue = done(alice.createQueue((q, m) -> confirmations.add(m)));
        String uri = queue.invitation().toUri();

        SenderQueue toAlice = done(bob.connect(Invitation.parse(uri), "I am Bob".getBytes(StandardCharsets.UTF_8)));
        await().until(() -> confirmations.size() == 1);
        Envelope confirmation = confirmations.getFirst().envelope().orElseThrow();
        assertThat(confirmation.content()).asString().isEqualTo("I am Bob");
        byte[] senderKey = confirmation.senderKey().orElseThrow();
        assertThat(senderKey).isEqualTo(toAlice.senderKey().publicKey());

        done(alice.secure(queue, senderKey));
        alice.register(queue, inbox);
        done(alice.acknowledge(queue));
        done(bob.send(toAlice, "first".getBytes(StandardCharsets.UTF_8)));
        done(bob.send(toAlice, "second".getBytes(StandardCharsets.UTF_8)));
        await().until(() -> inbox.received.size() == 2);
        assertThat(inbox.texts()).containsExactly("first", "second");

        // nothing of the plaintext reached the server
        String wire = new String(network.seenByServers(), StandardCharsets.ISO_8859_1);
        assertThat(wire).doesNotContain("first").doesNotContain("second").doesNotContain("I am Bob");

        // an unsigned send (anyone who learnt the SID) is refused now
        SmpClient mallory = network.connect(aliceServer, ALICE_SERVER);
        assertThatThrownBy(() -> done(mallory.connect(queue.invitation(), new byte[0])))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(SmpException.class)
                .extracting(e -> ((SmpException) e).error())
                .isEqualTo(SmpError.AUTH);

        done(alice.suspend(queue));
        assertThatThrownBy(() -> done(bob.send(toAlice, new byte[1]))).cause().isInstanceOf(SmpException.class);
        done(alice.delete(queue));
        assertThatThrownBy(() -> done(alice.subscribe(queue)))
                .cause()
                .isInstanceOfSatisfying(
                        SmpException.class, e -> assertThat(e.wireCode()).isEqualTo("ERR AUTH"));
    }

    @Test
    void messagesWaitForASubscriberOnANewConnection() throws Exception {
        SmpClient alice = network.connect(aliceServer, ALICE_SERVER);
        SmpClient bob = network.connect(aliceServer, ALICE_SERVER);
        RecipientQueue queue = done(alice.createQueue((q, m) -> {}));
        alice.close();
        SenderQueue toAlice = done(bob.connect(queue.invitation(), new byte[0]));
        done(bob.send(toAlice, "unsecured but signed".getBytes()).exceptionally(e -> null));

        SmpClient aliceAgain = network.connect(aliceServer, ALICE_SERVER);
        Inbox inbox = new Inbox();
        inbox.client = aliceAgain;
        aliceAgain.register(queue, inbox);
        done(aliceAgain.subscribe(queue));
        await().until(() -> inbox.received.size() == 1);
        assertThat(inbox.received.getFirst().envelope().orElseThrow().senderKey())
                .isPresent();
    }

    @Test
    void bodiesForAnotherQueueOrKeyDoNotDecrypt() throws Exception {
        SmpClient alice = network.connect(aliceServer, ALICE_SERVER);
        RecipientQueue q1 = done(alice.createQueue((q, m) -> {}));
        RecipientQueue q2 = done(alice.createQueue((q, m) -> {}));
        byte[] sealed = Envelope.data("x".getBytes()).seal(q1.encryptionKey().publicKey(), q1.senderId());
        assertThat(Envelope.open(q1.encryptionKey(), q1.senderId(), sealed)).isPresent();
        assertThat(Envelope.open(q1.encryptionKey(), q2.senderId(), sealed))
                .as("other SID")
                .isEmpty();
        assertThat(Envelope.open(q2.encryptionKey(), q1.senderId(), sealed))
                .as("other key")
                .isEmpty();
        sealed[40] ^= 1;
        assertThat(Envelope.open(q1.encryptionKey(), q1.senderId(), sealed))
                .as("bit flip")
                .isEmpty();
    }

    @Test
    void aliceAndBobDuplexAcrossTwoServers() throws Exception {
        SmpClient aliceHome = network.connect(aliceServer, ALICE_SERVER);
        SmpClient aliceToBob = network.connect(bobServer, BOB_SERVER);
        SmpClient bobHome = network.connect(bobServer, BOB_SERVER);
        SmpClient bobToAlice = network.connect(aliceServer, ALICE_SERVER);
        List<String> aliceGot = new CopyOnWriteArrayList<>();
        List<String> bobGot = new CopyOnWriteArrayList<>();

        var initiation = done(DuplexConnection.initiate(
                aliceHome,
                a -> a.equals(BOB_SERVER) ? aliceToBob : aliceHome,
                m -> aliceGot.add(new String(m, StandardCharsets.UTF_8))));
        String outOfBand = initiation.invitation().toUri();
        DuplexConnection bob = done(DuplexConnection.accept(
                bobHome,
                Invitation.parse(outOfBand),
                a -> a.equals(ALICE_SERVER) ? bobToAlice : bobHome,
                m -> bobGot.add(new String(m, StandardCharsets.UTF_8))));
        DuplexConnection alice = done(initiation.established());

        for (int i = 0; i < 5; i++) {
            done(alice.send(("to bob " + i).getBytes(StandardCharsets.UTF_8)));
            done(bob.send(("to alice " + i).getBytes(StandardCharsets.UTF_8)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> aliceGot.size() == 5 && bobGot.size() == 5);
        assertThat(bobGot).containsExactly("to bob 0", "to bob 1", "to bob 2", "to bob 3", "to bob 4");
        assertThat(aliceGot).containsExactly("to alice 0", "to alice 1", "to alice 2", "to alice 3", "to alice 4");
        assertThat(alice.inbound().server()).isEqualTo(ALICE_SERVER);
        assertThat(bob.inbound().server()).isEqualTo(BOB_SERVER);
        assertThat(new String(network.seenByServers(), StandardCharsets.ISO_8859_1))
                .doesNotContain("to bob")
                .doesNotContain("to alice");
    }

    @Test
    void invitationUriRoundTripsAndRejectsMalformedInput() throws Exception {
        SmpClient alice = network.connect(aliceServer, BOB_SERVER);
        RecipientQueue queue = done(alice.createQueue((q, m) -> {}));
        Invitation invitation = queue.invitation();
        String uri = invitation.toUri();
        assertThat(uri).matches("smp-seed://A{43}@bob\\.example:7000/[A-Za-z0-9_-]{16}#[A-Za-z0-9_-]{43}");
        Invitation parsed = Invitation.parse(uri);
        assertThat(parsed.server()).isEqualTo(BOB_SERVER);
        assertThat(parsed.senderId()).isEqualTo(queue.senderId());
        assertThat(parsed.encryptionKey()).isEqualTo(invitation.encryptionKey());
        assertThat(Invitation.parse("smp-seed://[::1]/AAAAAAAAAAAAAAAA#" + uri.substring(uri.indexOf('#') + 1))
                        .server())
                .isEqualTo(ServerAddress.plain("[::1]", 5223));
        for (String bad : List.of(
                "smp://host/AAAA#" + "A".repeat(43),
                "smp-seed://host/AAAA",
                "smp-seed://ho_st/AAAA#" + "A".repeat(43),
                "smp-seed://host:70000/AAAA#" + "A".repeat(43),
                "smp-seed://host/AA+A#" + "A".repeat(43),
                "smp-seed://-host/AAAA#" + "A".repeat(43))) {
            assertThatThrownBy(() -> Invitation.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
