package dev.missive.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.SmpError;
import dev.missive.smp.spi.ForwardingQueueStore;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.smp.wire.TransmissionEncoder;
import dev.missive.testing.SeededRandom;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error of the seed dialect's table ({@code docs/smp.md}), provoked through a {@link ServerSession}. */
class ServerErrorsTest {

    private final ServerHarness harness = new ServerHarness();
    private final SigningKey recipientKey = SignatureScheme.standard().generateKey(new SeededRandom(1));
    private final SigningKey senderKey = SignatureScheme.standard().generateKey(new SeededRandom(2));
    private final SigningKey strangerKey = SignatureScheme.standard().generateKey(new SeededRandom(3));
    private ServerHarness.Connection conn;
    private QueueId rid;
    private QueueId sid;

    @BeforeEach
    void createQueue() {
        conn = harness.connect();
        var ids = conn.create(recipientKey);
        rid = ids.recipientId();
        sid = ids.senderId();
    }

    private String reply(String wire) {
        conn.write(wire);
        return lastLine();
    }

    private String reply(SigningKey key, QueueId id, Command command) {
        conn.send(key, id, command);
        return lastLine();
    }

    /** The reply to the command; anything after it can only be the MSG pushed to this (subscribed) connection. */
    private String lastLine() {
        var replies = conn.sink().next();
        assertThat(replies).isNotEmpty();
        assertThat(replies.subList(1, replies.size())).allMatch(t -> t.message() instanceof ServerMessage.Msg);
        return replies.getFirst().message().line();
    }

    private static String b64(byte[] bytes) {
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void unknownKeyword() {
        assertThat(reply("\r\n\r\nHELLO\r\n")).isEqualTo("ERR UNKNOWN");
        assertThat(reply("\r\n\r\nconn " + b64(recipientKey.publicKey()) + "\r\n"))
                .as("keywords are case-sensitive")
                .isEqualTo("ERR UNKNOWN");
        assertThat(harness.events(SmpEvent.CommandRejected.class))
                .extracting(SmpEvent.CommandRejected::error)
                .containsExactly(SmpError.UNKNOWN, SmpError.UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OK", "END", "IDS AAAA AAAA", "MSG AAAA 2020-10-18T20:19:36.874Z 0", "ERR AUTH"})
    void serverMessageFromClientIsProhibited(String line) {
        assertThat(reply("\r\n\r\n" + line + "\r\n")).isEqualTo("ERR PROHIBITED");
    }

    @Test
    void ackWithNothingDeliveredIsProhibited() {
        assertThat(reply(recipientKey, rid, new Command.Acknowledge())).isEqualTo("ERR PROHIBITED");
    }

    @Test
    void ackFromAConnectionThatGotEndIsProhibited() {
        conn.send(null, sid, Command.Send.text("one"));
        conn.sink().next();
        var other = harness.connect();
        other.send(recipientKey, rid, new Command.Subscribe());
        assertThat(conn.sink().next()).extracting(t -> t.message().line()).containsExactly("END");
        assertThat(reply(recipientKey, rid, new Command.Acknowledge())).isEqualTo("ERR PROHIBITED");
    }

    @Test
    void badBase64IsSyntax1() {
        assertThat(reply("\r\n!!\r\nSUB\r\n")).isEqualTo("ERR SYNTAX 1");
        assertThat(reply("!!\r\n" + rid.base64() + "\r\nSUB\r\n")).isEqualTo("ERR SYNTAX 1");
        assertThat(reply("QQ\r\n" + rid.base64() + "\r\nSUB\r\n"))
                .as("unpadded")
                .isEqualTo("ERR SYNTAX 1");
        assertThat(reply("\r\nQR==\r\nSEND :x\r\n"))
                .as("non-zero trailing bits")
                .isEqualTo("ERR SYNTAX 1");
    }

    @Test
    void wrongParametersAreSyntax2() {
        String key = b64(recipientKey.publicKey());
        assertThat(reply("\r\n\r\nCONN\r\n")).isEqualTo("ERR SYNTAX 2");
        assertThat(reply("\r\n\r\nCONN " + key + " " + key + "\r\n")).isEqualTo("ERR SYNTAX 2");
        assertThat(reply("\r\n\r\nCONN !!!!\r\n")).isEqualTo("ERR SYNTAX 2");
        assertThat(reply("\r\n\r\nCONN YWJjZA==\r\n")).as("not a supported key").isEqualTo("ERR SYNTAX 2");
        String sig = b64(new byte[64]);
        assertThat(reply(sig + "\r\n" + rid.base64() + "\r\nKEY\r\n")).isEqualTo("ERR SYNTAX 2");
        assertThat(reply(sig + "\r\n" + rid.base64() + "\r\nKEY " + key + " " + key + "\r\n"))
                .isEqualTo("ERR SYNTAX 2");
        assertThat(reply(sig + "\r\n" + rid.base64() + "\r\nSUB now\r\n")).isEqualTo("ERR SYNTAX 2");
        assertThat(reply(sig + "\r\n" + rid.base64() + "\r\nACK AAAAAAAAAAA=\r\n"))
                .as("extension off")
                .isEqualTo("ERR SYNTAX 2");
        assertThat(reply("\r\n" + sid.base64() + "\r\nSEND\r\n")).isEqualTo("ERR SYNTAX 2");
        assertThat(reply(recipientKey, rid, new Command.Secure("not a key".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ERR SYNTAX 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUB", "ACK", "OFF", "DEL"})
    void missingSignatureOrConnIdIsSyntax3(String command) {
        assertThat(reply("\r\n" + rid.base64() + "\r\n" + command + "\r\n")).isEqualTo("ERR SYNTAX 3");
        assertThat(reply(b64(new byte[64]) + "\r\n\r\n" + command + "\r\n")).isEqualTo("ERR SYNTAX 3");
    }

    @Test
    void unsignedKeyIsSyntax3() {
        assertThat(reply(null, rid, new Command.Secure(senderKey.publicKey()))).isEqualTo("ERR SYNTAX 3");
    }

    @Test
    void connWithSignatureOrConnIdIsSyntax4() {
        String key = b64(recipientKey.publicKey());
        assertThat(reply("\r\n" + rid.base64() + "\r\nCONN " + key + "\r\n")).isEqualTo("ERR SYNTAX 4");
        assertThat(reply(b64(new byte[64]) + "\r\n\r\nCONN " + key + "\r\n")).isEqualTo("ERR SYNTAX 4");
        assertThat(harness.queues.size()).isEqualTo(1);
    }

    @Test
    void sendWithoutConnIdIsSyntax5() {
        assertThat(reply("\r\n\r\nSEND :hello\r\n")).isEqualTo("ERR SYNTAX 5");
    }

    @Test
    void bodyNeitherTextNorSizeIsSyntax6() {
        assertThat(reply("\r\n" + sid.base64() + "\r\nSEND abc\r\n")).isEqualTo("ERR SYNTAX 6");
        assertThat(reply("\r\n" + sid.base64() + "\r\nSEND -5\r\n")).isEqualTo("ERR SYNTAX 6");
        assertThat(harness.messages.count(rid)).isZero();
    }

    @Test
    void nonEmptyLineAfterTheBodyIsSize() {
        assertThat(reply("\r\n" + sid.base64() + "\r\nSEND 3\r\nabcdef\r\n")).isEqualTo("ERR SIZE");
        assertThat(harness.messages.count(rid)).isZero();
        // resynchronised: the next transmission is understood
        assertThat(reply("\r\n" + sid.base64() + "\r\nSEND 3\r\nabc\r\n")).isEqualTo("OK");
    }

    @Test
    void bodyOverTheCapIsSizeAndIsSkipped() {
        var small = new ServerHarness(SignatureScheme.standard(), b -> b.config(SmpConfig.DEFAULTS.withMaxBodySize(8)));
        var c = small.connect();
        var ids = c.create(recipientKey);
        c.write("\r\n" + ids.senderId().base64() + "\r\nSEND 9\r\n123456789\r\n");
        c.write("\r\n" + ids.senderId().base64() + "\r\nSEND :123456789\r\n");
        c.write("\r\n" + ids.senderId().base64() + "\r\nSEND 8\r\n12345678\r\n");
        assertThat(c.sink().next())
                .extracting(t -> t.message().line().split(" ")[0])
                .containsExactly("ERR", "ERR", "OK", "MSG");
    }

    @Test
    void fullQueueIsSize() {
        var tiny = new ServerHarness(SignatureScheme.standard(), b -> b.config(SmpConfig.DEFAULTS.withQueueQuota(2)));
        var c = tiny.connect();
        var ids = c.create(recipientKey);
        var bob = tiny.connect();
        for (int i = 0; i < 3; i++) {
            bob.send(null, ids.senderId(), Command.Send.text("m" + i));
        }
        assertThat(bob.sink().next()).extracting(t -> t.message().line()).containsExactly("OK", "OK", "ERR SIZE");
        assertThat(tiny.events(SmpEvent.QueueFull.class)).hasSize(1);
        assertThat(tiny.events(SmpEvent.CommandRejected.class))
                .extracting(SmpEvent.CommandRejected::error)
                .containsExactly(SmpError.SIZE);
    }

    @Test
    void overlongLineIsSizeAndResynchronises() {
        String huge = "SEND :" + "x".repeat(20_000);
        assertThat(reply("\r\n" + sid.base64() + "\r\n" + huge + "\r\n")).isEqualTo("ERR SIZE");
        assertThat(reply("\r\n" + sid.base64() + "\r\nSEND :ok\r\n")).isEqualTo("OK");
    }

    /** Each ERR AUTH path, with the number of verifications it ran: always exactly one. */
    @Test
    void everyAuthPathRunsExactlyOneVerification() {
        assertAuth(strangerKey, rid, new Command.Subscribe(), "bad signature");
        assertAuth(recipientKey, QueueId.of(new byte[12]), new Command.Subscribe(), "unknown queue");
        assertAuth(recipientKey, sid, new Command.Subscribe(), "SID used as RID");
        assertAuth(recipientKey, sid, new Command.Delete(), "SID used for DEL");
        assertAuth(senderKey, sid, Command.Send.text("x"), "signed SEND to unsecured queue");
        assertAuth(null, rid, Command.Send.text("x"), "RID used for SEND");
        assertAuth(null, QueueId.of(new byte[12]), Command.Send.text("x"), "unsigned SEND to unknown queue");
        assertAuth(senderKey, QueueId.of(new byte[12]), Command.Send.text("x"), "signed SEND to unknown queue");

        assertThat(reply(recipientKey, rid, new Command.Secure(senderKey.publicKey())))
                .isEqualTo("OK");
        assertAuth(recipientKey, rid, new Command.Secure(strangerKey.publicKey()), "KEY on secured queue");
        assertAuth(null, sid, Command.Send.text("x"), "unsigned SEND to secured queue");
        assertAuth(strangerKey, sid, Command.Send.text("x"), "SEND signed by the wrong key");
        assertThat(reply(senderKey, sid, Command.Send.text("fine"))).isEqualTo("OK");
        conn.sink().next();

        assertThat(reply(recipientKey, rid, new Command.Suspend())).isEqualTo("OK");
        assertThat(reply(recipientKey, rid, new Command.Suspend()))
                .as("idempotent")
                .isEqualTo("OK");
        assertAuth(senderKey, sid, Command.Send.text("x"), "suspended queue");

        assertThat(reply(recipientKey, rid, new Command.Delete())).isEqualTo("OK");
        assertAuth(recipientKey, rid, new Command.Subscribe(), "SUB after DEL");
        assertAuth(recipientKey, rid, new Command.Delete(), "DEL after DEL");
        assertAuth(senderKey, sid, Command.Send.text("x"), "SEND after DEL");
        assertThat(harness.messages.count(rid)).isZero();
    }

    private void assertAuth(SigningKey key, QueueId id, Command command, String path) {
        int before = harness.verifications.get();
        assertThat(reply(key, id, command)).as(path).isEqualTo("ERR AUTH");
        assertThat(harness.verifications.get() - before)
                .as(path + ": verifications")
                .isEqualTo(1);
    }

    @Test
    void idGenerationFailingThreeTimesIsInternal() {
        SmpServer stuck = SmpServer.builder()
                .queueStore(new InMemoryQueueStore())
                .messageStore(new InMemoryMessageStore())
                .clock(harness.clock)
                .random(out -> java.util.Arrays.fill(out, (byte) 7)) // RID always equals SID
                .build();
        RecordingSink sink = new RecordingSink();
        byte[] create = TransmissionEncoder.command(null, new Command.Create(recipientKey.publicKey()));
        stuck.openSession(sink).onBytes(create, 0, create.length);
        assertThat(sink.text()).isEqualTo("\r\n\r\nERR INTERNAL\r\n");
    }

    @Test
    void storeFailureIsInternalAndTheSessionGoesOn() {
        List<ProtocolEvent> events = new ArrayList<>();
        SmpServer server = SmpServer.builder()
                .queueStore(new ForwardingQueueStore() {
                    @Override
                    public boolean create(dev.missive.smp.spi.QueueRecord queue) {
                        throw new IllegalStateException("disk full");
                    }
                })
                .messageStore(new InMemoryMessageStore())
                .clock(harness.clock)
                .random(new SeededRandom(5))
                .eventListener(new EventListener() {
                    @Override
                    public void onProtocolEvent(ProtocolEvent event) {
                        events.add(event);
                    }
                })
                .build();
        RecordingSink sink = new RecordingSink();
        ServerSession session = server.openSession(sink);
        byte[] create = TransmissionEncoder.command(null, new Command.Create(recipientKey.publicKey()));
        session.onBytes(create, 0, create.length);
        byte[] hello = "\r\n\r\nHELLO\r\n".getBytes(StandardCharsets.US_ASCII);
        session.onBytes(hello, 0, hello.length);
        assertThat(sink.text()).isEqualTo("\r\n\r\nERR INTERNAL\r\n\r\n\r\nERR UNKNOWN\r\n");
        assertThat(events)
                .as("the failure's type only, never its message")
                .containsExactly(
                        new SmpEvent.InternalError(harness.clock.now(), "java.lang.IllegalStateException"),
                        new SmpEvent.CommandRejected(harness.clock.now(), SmpError.UNKNOWN));
    }
}
