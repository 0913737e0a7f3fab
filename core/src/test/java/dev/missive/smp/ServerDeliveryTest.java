package dev.missive.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.SmpError;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.smp.wire.ServerTransmission;
import dev.missive.smp.wire.TransmissionEncoder;
import dev.missive.testing.SeededRandom;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscription, delivery, acknowledgement, expiry and ordering semantics (docs/smp.md). */
class ServerDeliveryTest {

    private final SigningKey recipientKey = SignatureScheme.standard().generateKey(new SeededRandom(1));
    private final SigningKey senderKey = SignatureScheme.standard().generateKey(new SeededRandom(2));
    private ServerHarness harness;
    private ServerHarness.SharedQueue queue;
    private ServerHarness.Connection alice;
    private ServerHarness.Connection bob;
    private QueueId rid;
    private QueueId sid;

    @BeforeEach
    void setUp() {
        setUp(new ServerHarness());
    }

    private void setUp(ServerHarness h) {
        harness = h;
        queue = harness.openQueue(recipientKey);
        alice = queue.alice();
        bob = queue.bob();
        rid = queue.rid();
        sid = queue.sid();
    }

    @Test
    void creatorIsSubscribedAndGetsOneMessageAtATime() {
        queue.bobSends("one");
        queue.bobSends("two");
        queue.bobSends("three");
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("MSG one");
        alice.send(recipientKey, rid, new Command.Acknowledge());
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("MSG two");
        alice.send(recipientKey, rid, new Command.Acknowledge());
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("MSG three");
        alice.send(recipientKey, rid, new Command.Acknowledge());
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("OK");
        assertThat(harness.messages.count(rid)).isZero();
        queue.bobSends("four");
        assertThat(ServerHarness.lines(alice.sink().next()))
                .as("pushed when idle")
                .containsExactly("MSG four");
    }

    @Test
    void everyStepIsReportedAsATypedEvent() {
        alice.send(recipientKey, rid, new Command.Secure(senderKey.publicKey()));
        alice.sink().next();
        bob.send(senderKey, sid, Command.Send.text("hello"));
        bob.sink().next();
        alice.sink().next();
        alice.send(recipientKey, rid, new Command.Acknowledge());
        alice.sink().next();
        var carol = harness.connect();
        carol.send(recipientKey, rid, new Command.Subscribe());
        carol.send(recipientKey, rid, new Command.Suspend());
        carol.send(recipientKey, rid, new Command.Delete());
        carol.send(recipientKey, rid, new Command.Delete());
        assertThat(harness.eventTypes())
                .containsExactly(
                        SmpEvent.QueueCreated.class,
                        SmpEvent.KeySecured.class,
                        SmpEvent.MessageAccepted.class,
                        SmpEvent.MessageDelivered.class,
                        SmpEvent.Acknowledged.class,
                        SmpEvent.SubscriberReplaced.class,
                        SmpEvent.Subscribed.class,
                        SmpEvent.QueueSuspended.class,
                        SmpEvent.QueueDeleted.class,
                        SmpEvent.CommandRejected.class);
        assertThat(harness.events(SmpEvent.MessageAccepted.class))
                .extracting(SmpEvent.MessageAccepted::bytes)
                .containsExactly(5);
        assertThat(harness.events(SmpEvent.CommandRejected.class))
                .extracting(SmpEvent.CommandRejected::error)
                .containsExactly(SmpError.AUTH);
        assertThat(harness.events).allSatisfy(event -> {
            assertThat(event.protocol()).isEqualTo("smp");
            assertThat(event.at()).isEqualTo(ServerHarness.START);
        });
    }

    @Test
    void aThrowingEventListenerDisturbsNothing() {
        AtomicInteger calls = new AtomicInteger();
        setUp(new ServerHarness(
                SignatureScheme.standard(),
                b -> b.eventListener(new EventListener() {
                    @Override
                    public void onProtocolEvent(ProtocolEvent event) {
                        calls.incrementAndGet();
                        throw new IllegalStateException("listener bug");
                    }
                })));
        queue.bobSends("one");
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("MSG one");
        alice.send(recipientKey, rid, new Command.Acknowledge());
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("OK");
        assertThat(harness.messages.count(rid)).isZero();
        assertThat(calls).as("created, accepted, delivered, acknowledged").hasValue(4);
    }

    @Test
    void msgCarriesServerTimestampAndDistinctRandomIds() {
        queue.bobSends("one");
        harness.clock.advance(Duration.ofMillis(1500));
        queue.bobSends("two");
        var first = (ServerMessage.Msg) alice.sink().next().getFirst().message();
        alice.send(recipientKey, rid, new Command.Acknowledge());
        var second = (ServerMessage.Msg) alice.sink().next().getFirst().message();
        assertThat(first.timestamp()).isEqualTo(ServerHarness.START);
        assertThat(second.timestamp()).isEqualTo(ServerHarness.START.plusMillis(1500));
        assertThat(first.msgId()).hasSize(8).isNotEqualTo(second.msgId());
    }

    @Test
    void secondSubscriberTakesOverWithEndAndRedelivery() {
        queue.bobSends("unacked");
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("MSG unacked");
        var aliceOnPhone = harness.connect();
        aliceOnPhone.send(recipientKey, rid, new Command.Subscribe());
        assertThat(ServerHarness.lines(aliceOnPhone.sink().next())).containsExactly("MSG unacked");
        assertThat(alice.sink().next()).containsExactly(new ServerTransmission(rid, new ServerMessage.End()));
        queue.bobSends("later");
        assertThat(alice.sink().next()).as("nothing more after END").isEmpty();
        aliceOnPhone.send(recipientKey, rid, new Command.Acknowledge());
        assertThat(ServerHarness.lines(aliceOnPhone.sink().next())).containsExactly("MSG later");
    }

    @Test
    void subscribeOnEmptyQueueAnswersOkAndRepeatedSubscribeResendsTheUnacked() {
        var other = harness.connect();
        other.send(recipientKey, rid, new Command.Subscribe());
        assertThat(ServerHarness.lines(other.sink().next())).containsExactly("OK");
        queue.bobSends("x");
        assertThat(ServerHarness.lines(other.sink().next())).containsExactly("MSG x");
        other.send(recipientKey, rid, new Command.Subscribe());
        assertThat(ServerHarness.lines(other.sink().next())).containsExactly("MSG x");
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("END");
    }

    @Test
    void closingTheSubscriberKeepsTheMessageForTheNextOne() {
        queue.bobSends("kept");
        alice.sink().next();
        alice.session().close();
        assertThat(harness.server.subscriptionCount()).isZero();
        var again = harness.connect();
        again.send(recipientKey, rid, new Command.Subscribe());
        assertThat(ServerHarness.lines(again.sink().next())).containsExactly("MSG kept");
    }

    @Test
    void suspendedQueueStillDrainsAndDeleteRemovesMessages() {
        queue.bobSends("a");
        queue.bobSends("b");
        alice.send(recipientKey, rid, new Command.Suspend());
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("MSG a", "OK");
        bob.send(null, sid, Command.Send.text("refused"));
        assertThat(ServerHarness.lines(bob.sink().next())).containsExactly("ERR AUTH");
        alice.send(recipientKey, rid, new Command.Acknowledge());
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("MSG b");
        alice.send(recipientKey, rid, new Command.Delete());
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("OK");
        assertThat(harness.messages.count(rid)).isZero();
        assertThat(harness.queues.size()).isZero();
        assertThat(harness.server.subscriptionCount()).isZero();
    }

    @Test
    void expiredMessagesAreNeverDelivered() {
        setUp(new ServerHarness(
                SignatureScheme.standard(), b -> b.config(SmpConfig.DEFAULTS.withMessageTtl(Duration.ofHours(1)))));
        alice.session().close();
        queue.bobSends("old");
        harness.clock.advance(Duration.ofMinutes(30));
        queue.bobSends("newer");
        harness.clock.advance(Duration.ofMinutes(31));
        var reader = harness.connect();
        reader.send(recipientKey, rid, new Command.Subscribe());
        assertThat(ServerHarness.lines(reader.sink().next())).containsExactly("MSG newer");
        harness.clock.advance(Duration.ofHours(2));
        assertThat(harness.server.cleanUp()).isEqualTo(1);
        assertThat(harness.messages.count(rid)).isZero();
        assertThat(harness.events(SmpEvent.MessagesExpired.class))
                .as("dropped on the way to SUB")
                .extracting(SmpEvent.MessagesExpired::count)
                .containsExactly(1);
        assertThat(harness.events(SmpEvent.CleanedUp.class))
                .extracting(SmpEvent.CleanedUp::removed)
                .containsExactly(1);
        assertThat(harness.server.cleanUp()).isZero();
        assertThat(harness.events(SmpEvent.CleanedUp.class))
                .extracting(SmpEvent.CleanedUp::removed)
                .containsExactly(1, 0);
    }

    @Test
    void quotaFreesUpOnceOldMessagesExpire() {
        setUp(new ServerHarness(
                SignatureScheme.standard(),
                b -> b.config(SmpConfig.DEFAULTS.withQueueQuota(1).withMessageTtl(Duration.ofMinutes(5)))));
        queue.bobSends("first");
        bob.send(null, sid, Command.Send.text("second"));
        assertThat(ServerHarness.lines(bob.sink().next())).containsExactly("ERR SIZE");
        harness.clock.advance(Duration.ofMinutes(6));
        queue.bobSends("third");
        assertThat(harness.messages.count(rid)).isEqualTo(1);
        assertThat(harness.events(SmpEvent.QueueFull.class)).hasSize(1);
        assertThat(harness.events(SmpEvent.MessagesExpired.class))
                .extracting(SmpEvent.MessagesExpired::count)
                .containsExactly(1);
    }

    @Test
    void ackWithMsgIdExtensionIsIdempotent() {
        setUp(new ServerHarness(SignatureScheme.standard(), b -> b.config(SmpConfig.DEFAULTS.withAckWithMsgId(true))));
        queue.bobSends("one");
        queue.bobSends("two");
        var one = (ServerMessage.Msg) alice.sink().next().getFirst().message();
        alice.send(recipientKey, rid, new Command.Acknowledge(one.msgId()));
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("MSG two");
        // the MSG above was "lost": a retried ACK for "one" must not delete "two"
        alice.send(recipientKey, rid, new Command.Acknowledge(one.msgId()));
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("MSG two");
        assertThat(harness.messages.count(rid)).isEqualTo(1);
        alice.send(recipientKey, rid, new Command.Acknowledge());
        assertThat(ServerHarness.lines(alice.sink().next()))
                .as("plain ACK still works")
                .containsExactly("OK");
    }

    @Test
    void securedQueueAcceptsOnlySendsSignedBySenderKey() {
        alice.send(recipientKey, rid, new Command.Secure(senderKey.publicKey()));
        assertThat(ServerHarness.lines(alice.sink().next())).containsExactly("OK");
        bob.send(senderKey, sid, Command.Send.binary(new byte[] {0, '\r', '\n', (byte) 0xff}));
        assertThat(ServerHarness.lines(bob.sink().next())).containsExactly("OK");
        var msg = (ServerMessage.Msg) alice.sink().next().getFirst().message();
        assertThat(msg.body()).containsExactly(0, '\r', '\n', 0xff);
    }

    @Test
    void pipelinedCommandsInOneChunkAndBytewiseGiveIdenticalOutput() {
        byte[] script = pipelineScript();
        ServerHarness one = new ServerHarness();
        var c1 = one.connect();
        c1.write(script);
        ServerHarness bytewise = new ServerHarness();
        var c2 = bytewise.connect();
        for (int i = 0; i < script.length; i++) {
            c2.session().onBytes(script, i, 1);
        }
        assertThat(c1.sink().bytes()).isEqualTo(c2.sink().bytes());
        assertThat(ServerHarness.lines(c1.sink().transmissions()))
                .containsExactly("IDS", "OK", "MSG hello", "ERR UNKNOWN", "OK", "MSG binary", "OK");
    }

    /** CONN, SEND to self, ACK, ..., all in one byte array (IDs are predictable with the seeded random). */
    private byte[] pipelineScript() {
        ServerHarness probe = new ServerHarness();
        var c = probe.connect();
        var ids = c.create(recipientKey);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(TransmissionEncoder.command(null, new Command.Create(recipientKey.publicKey())));
        out.writeBytes(TransmissionEncoder.command(ids.senderId(), Command.Send.text("hello")));
        out.writeBytes("\r\n\r\nHELLO\r\n".getBytes());
        out.writeBytes(TransmissionEncoder.command(ids.senderId(), Command.Send.binary("binary".getBytes())));
        byte[] ack = TransmissionEncoder.signedPart(ids.recipientId(), new Command.Acknowledge());
        out.writeBytes(TransmissionEncoder.command(recipientKey.sign(ack), ack));
        out.writeBytes(TransmissionEncoder.command(recipientKey.sign(ack), ack));
        return out.toByteArray();
    }
}
