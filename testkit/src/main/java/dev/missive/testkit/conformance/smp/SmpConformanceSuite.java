package dev.missive.testkit.conformance.smp;

import static dev.missive.testkit.conformance.Verdict.expectEquals;
import static dev.missive.testkit.conformance.Verdict.fail;
import static dev.missive.testkit.conformance.Verdict.require;
import static dev.missive.testkit.conformance.Verdict.skip;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.crypto.EncodingException;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.KeyFormatException;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPublicKey;
import dev.missive.smp.SigningKey;
import dev.missive.tcp.smp.SmpTransportMode;
import dev.missive.testkit.SmpTransmission;
import dev.missive.testkit.conformance.Check;
import dev.missive.testkit.conformance.CheckBody;
import dev.missive.testkit.conformance.ConformanceSuite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The SMP seed-dialect suite: every command and error of {@code docs/research/smp.md} §2.4–2.10,
 * pipelining, subscriber takeover and {@code END}, the {@code ACK} rules, garbage lines, size caps,
 * and the Appendix A handshake ({@code docs/smp.md}, "Encrypted mode"). It speaks raw transmissions
 * over {@code SmpTcpConnection} (which also carries the Appendix A blocks) and reads the server's
 * bytes with its own parser. Checks share the queues created by earlier ones, so they run in list
 * order; a check whose prerequisite failed is skipped with the reason.
 */
public final class SmpConformanceSuite implements ConformanceSuite {

    private static final String GRAMMAR = "docs/research/smp.md §2.2";
    private static final String COMMANDS = "docs/research/smp.md §2.4";
    private static final String SIGNATURES = "docs/research/smp.md §2.5";
    private static final String ERRORS = "docs/research/smp.md §2.6";
    private static final String ORDERING = "docs/research/smp.md §2.7";
    private static final String SUBSCRIPTIONS = "docs/research/smp.md §2.8";
    private static final String ACKS = "docs/research/smp.md §2.9";
    private static final String SENDING = "docs/research/smp.md §2.10";
    private static final String LIMITS = "docs/smp.md \"Limits\"; docs/research/smp.md §2.11";
    private static final String APPENDIX_A = "docs/smp.md \"Encrypted mode\"; docs/research/smp.md §2.12";

    private static final int OVER_CAP = 1 << 20;

    private final SmpTarget target;
    private final SecureRandom random = new SecureRandom();
    private final List<ProbeConnection> connections = new ArrayList<>();

    private SigningKey recipientKey;
    private SigningKey senderKey;
    private SigningKey strangerKey;
    private ProbeConnection recipient;
    private ProbeConnection sender;
    private ProbeConnection errors;
    private Queue queue;
    private boolean secured;

    /** A queue the suite created: its IDs, its recipient key and the connection subscribed to it. */
    private record Queue(String rid, String sid, SigningKey key) {}

    /**
     * A suite against {@code target}; nothing is opened until the checks run.
     *
     * @param target the server under test
     */
    public SmpConformanceSuite(SmpTarget target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public String protocol() {
        return "smp";
    }

    @Override
    public String target() {
        return target.describe();
    }

    @Override
    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        checks.add(required("smp.transport.connect", transportTitle(), transportReference(), this::connect));
        checks.add(required(
                "smp.create.ids",
                "CONN with a fresh key answers IDS with two distinct base64 queue IDs and empty signature/connId",
                COMMANDS,
                this::create));
        checks.add(required(
                "smp.send.unsigned-before-key",
                "an unsigned SEND to an unsecured queue is OK and is pushed to the creating connection as MSG",
                SENDING,
                this::unsignedSendBeforeKey));
        checks.add(required(
                "smp.msg.format",
                "MSG carries the RID as connId, a base64 msgId, an RFC 3339 timestamp and the body as sent",
                COMMANDS,
                this::messageFormat));
        checks.add(required("smp.ack.ok-when-empty", "ACK of the only message answers OK", ACKS, this::ackWhenEmpty));
        checks.add(required(
                "smp.ack.prohibited-without-delivery",
                "ACK with nothing delivered answers ERR PROHIBITED",
                ERRORS,
                this::ackWithoutDelivery));
        checks.add(required(
                "smp.send.binary-body",
                "a binary body with LF, CR LF, NUL and 0xFF bytes is delivered byte for byte",
                GRAMMAR + "; §2.14",
                this::binaryBody));
        checks.add(required(
                "smp.ack.delivers-next",
                "one outstanding MSG per queue: the next message comes as the reply to ACK",
                ACKS,
                this::ackDeliversNext));
        checks.add(required("smp.key.secure", "KEY signed by the recipient key answers OK", COMMANDS, this::secure));
        checks.add(required(
                "smp.send.unsigned-after-key",
                "an unsigned SEND to a secured queue answers ERR AUTH",
                SENDING,
                this::unsignedSendAfterKey));
        checks.add(required(
                "smp.send.signed-after-key",
                "a SEND signed by the sender key is OK and delivered",
                SENDING,
                this::signedSendAfterKey));
        checks.add(required(
                "smp.auth.bad-signature",
                "SUB and SEND signed with a key that is not the queue's answer ERR AUTH",
                SIGNATURES,
                this::badSignature));
        checks.add(required("smp.auth.key-twice", "KEY on a secured queue answers ERR AUTH", COMMANDS, this::keyTwice));
        checks.add(required(
                "smp.auth.signed-send-unsecured",
                "a signed SEND to an unsecured queue answers ERR AUTH",
                SENDING,
                this::signedSendToUnsecured));
        checks.add(required(
                "smp.auth.wrong-role",
                "a recipient command with the SID and SEND with the RID answer ERR AUTH",
                SIGNATURES,
                this::wrongRole));
        checks.add(required(
                "smp.auth.unknown-queue",
                "SUB on a queue ID that does not exist answers ERR AUTH",
                ERRORS,
                this::unknownQueue));
        checks.add(required(
                "smp.errors.unknown",
                "an unknown keyword answers ERR UNKNOWN",
                ERRORS,
                errorCheck(null, "", "HELLO", "ERR UNKNOWN")));
        checks.add(required(
                "smp.errors.syntax-1",
                "a signature line that is not base64 answers ERR SYNTAX 1",
                ERRORS,
                this::syntax1));
        checks.add(required(
                "smp.errors.syntax-2",
                "CONN without a key answers ERR SYNTAX 2",
                ERRORS,
                errorCheck(null, "", "CONN", "ERR SYNTAX 2")));
        checks.add(
                required("smp.errors.syntax-3", "SUB without a signature answers ERR SYNTAX 3", ERRORS, this::syntax3));
        checks.add(required("smp.errors.syntax-4", "CONN with a connId answers ERR SYNTAX 4", ERRORS, this::syntax4));
        checks.add(required(
                "smp.errors.syntax-5",
                "SEND without a connId answers ERR SYNTAX 5",
                ERRORS,
                errorCheck(null, "", "SEND :hello", "ERR SYNTAX 5")));
        checks.add(required(
                "smp.errors.syntax-6",
                "a SEND body that is neither :text nor a size answers ERR SYNTAX 6",
                ERRORS,
                this::syntax6));
        checks.add(required(
                "smp.errors.prohibited",
                "a server keyword (OK) sent by a client answers ERR PROHIBITED",
                ERRORS,
                this::prohibited));
        checks.add(required(
                "smp.errors.size-mismatch",
                "a non-empty line after a binary body answers ERR SIZE",
                ERRORS,
                this::sizeMismatch));
        checks.add(required(
                "smp.pipelining.order",
                "transmissions written at once are answered in order",
                ORDERING,
                this::pipelining));
        checks.add(required(
                "smp.sub.takeover-end",
                "SUB from a second connection sends END to the first subscriber",
                SUBSCRIPTIONS,
                this::takeover));
        checks.add(required(
                "smp.sub.redelivery",
                "the new subscriber gets the unacknowledged message again, with the same msgId",
                SUBSCRIPTIONS,
                this::redelivery));
        checks.add(required(
                "smp.ack.after-end-prohibited",
                "ACK on the connection that got END answers ERR PROHIBITED",
                ERRORS,
                this::ackAfterEnd));
        checks.add(required(
                "smp.sub.pushes-to-new-subscriber",
                "after a takeover new messages reach the new subscriber only",
                SUBSCRIPTIONS,
                this::pushesToNewSubscriber));
        checks.add(required(
                "smp.off.suspend",
                "OFF answers OK (twice: it is idempotent); SEND then answers ERR AUTH; SUB still works",
                COMMANDS,
                this::suspend));
        checks.add(required(
                "smp.del.delete",
                "DEL answers OK; SUB and SEND on the deleted queue answer ERR AUTH",
                COMMANDS,
                this::delete));
        checks.add(hardening(
                "smp.hardening.garbage-lines",
                "a transmission of garbage lines gets an ERR and the connection keeps working",
                ERRORS + "; docs/smp.md \"Limits\"",
                this::garbage));
        checks.add(hardening(
                "smp.hardening.body-cap",
                "a 1 MiB SEND body is refused with ERR SIZE and the connection keeps working",
                LIMITS,
                this::bodyCap));
        checks.add(hardening(
                "smp.hardening.line-cap",
                "a 1 MiB command line is refused with ERR SIZE and the connection keeps working",
                LIMITS,
                this::lineCap));
        if (target.mode() == SmpTransportMode.ENCRYPTED) {
            checks.add(required(
                    "smp.transport.bad-handshake",
                    "an Appendix A handshake that does not decrypt makes the server close the connection without a reply",
                    APPENDIX_A,
                    this::badHandshake));
        }
        return checks;
    }

    private String transportTitle() {
        return target.mode() == SmpTransportMode.ENCRYPTED
                ? "Appendix A handshake: server header with the pinned key, client keys, version line"
                : "plain TCP connection; an optional `Welcome to SMP` greeting is the only thing before transmissions";
    }

    private String transportReference() {
        return target.mode() == SmpTransportMode.ENCRYPTED ? APPENDIX_A : "docs/smp.md \"Plain mode\"";
    }

    private static Check required(String id, String title, String reference, CheckBody body) {
        return Check.required(id, title, reference, body);
    }

    private static Check hardening(String id, String title, String reference, CheckBody body) {
        return Check.hardening(id, title, reference, body);
    }

    // ---- transport and queue creation ----

    private void connect() throws Exception {
        recipientKey = newKey();
        senderKey = newKey();
        strangerKey = newKey();
        recipient = open();
        sender = open();
        errors = open();
    }

    private void create() throws Exception {
        needConnections();
        queue = createQueue(recipient, recipientKey);
    }

    private Queue createQueue(ProbeConnection connection, SigningKey key) throws InterruptedException {
        connection.send(null, "", "CONN " + Encodings.base64(key.publicKey()));
        SmpTransmission reply = connection.next("the reply to CONN");
        String[] words = reply.command().split(" ", -1);
        require(
                words.length == 3 && words[0].equals("IDS"),
                "CONN answered `" + reply.command() + "`, not `IDS <RID> <SID>`");
        require(
                reply.signature().isEmpty() && reply.connId().isEmpty(),
                "IDS came with a signature or connId line: " + reply);
        byte[] rid = base64(words[1], "RID");
        byte[] sid = base64(words[2], "SID");
        require(!Arrays.equals(rid, sid), "RID and SID are equal");
        return new Queue(words[1], words[2], key);
    }

    // ---- sending and acknowledging ----

    private SmpTransmission pendingMessage;

    private void unsignedSendBeforeKey() throws Exception {
        needQueue();
        sender.send(null, queue.sid(), "SEND :hello");
        sender.expect("the reply to an unsigned SEND", "OK");
        pendingMessage = recipient.next("the MSG pushed to the creating connection");
        require(
                pendingMessage.keyword().equals("MSG"),
                "the recipient got `" + pendingMessage.command() + "` instead of MSG");
    }

    private void messageFormat() throws Exception {
        if (pendingMessage == null) {
            throw skip("no MSG was received (smp.send.unsigned-before-key)");
        }
        checkMessage(pendingMessage, queue.rid(), "hello".getBytes(StandardCharsets.US_ASCII));
    }

    private static String checkMessage(SmpTransmission msg, String rid, byte[] expectedBody) {
        String[] words = msg.command().split(" ", -1);
        require(
                words.length == 4 && words[0].equals("MSG"),
                "expected `MSG <id> <ts> <n>`, got `" + msg.command() + "`");
        expectEquals("MSG connId", rid, msg.connId());
        require(msg.signature().isEmpty(), "the server signed a MSG");
        base64(words[1], "msgId");
        try {
            OffsetDateTime.parse(words[2]);
        } catch (DateTimeParseException e) {
            throw fail("MSG timestamp `" + words[2] + "` is not RFC 3339");
        }
        require(
                Arrays.equals(msg.body(), expectedBody),
                "MSG body differs from what was sent (" + msg.body().length + " bytes received, " + expectedBody.length
                        + " sent)");
        return words[1];
    }

    private void ackWhenEmpty() throws Exception {
        needQueue();
        if (pendingMessage == null) {
            throw skip("no MSG outstanding (smp.send.unsigned-before-key)");
        }
        recipient.send(queue.key(), queue.rid(), "ACK");
        recipient.expect("the reply to ACK of the only message", "OK");
    }

    private void ackWithoutDelivery() throws Exception {
        needQueue();
        recipient.send(queue.key(), queue.rid(), "ACK");
        recipient.expect("the reply to ACK with nothing delivered", "ERR PROHIBITED");
    }

    private static final byte[] BINARY = {'a', '\n', 'b', '\r', '\n', 'c', 0, (byte) 0xff, ' ', ' ', 'd'};

    private void binaryBody() throws Exception {
        needQueue();
        sender.sendBinary(null, queue.sid(), BINARY);
        sender.expect("the reply to a binary SEND", "OK");
        SmpTransmission msg = recipient.next("the MSG of the binary body");
        checkMessage(msg, queue.rid(), BINARY);
        recipient.send(queue.key(), queue.rid(), "ACK");
        recipient.expect("the reply to ACK", "OK");
    }

    private void ackDeliversNext() throws Exception {
        needQueue();
        sender.send(null, queue.sid(), "SEND :first");
        sender.expect("the reply to SEND", "OK");
        sender.send(null, queue.sid(), "SEND :second");
        sender.expect("the reply to SEND", "OK");
        checkMessage(recipient.next("the first MSG"), queue.rid(), bytes("first"));
        recipient.send(queue.key(), queue.rid(), "ACK");
        SmpTransmission next = recipient.next("the reply to ACK with a second message queued");
        require(
                next.keyword().equals("MSG"),
                "ACK answered `" + next.command()
                        + "` although a second message was queued (or it was pushed before ACK)");
        checkMessage(next, queue.rid(), bytes("second"));
        recipient.send(queue.key(), queue.rid(), "ACK");
        recipient.expect("the reply to the last ACK", "OK");
    }

    // ---- securing ----

    private void secure() throws Exception {
        needQueue();
        recipient.send(queue.key(), queue.rid(), "KEY " + Encodings.base64(senderKey.publicKey()));
        recipient.expect("the reply to KEY", "OK");
        secured = true;
    }

    private void needSecured() {
        needQueue();
        if (!secured) {
            throw skip("the queue was not secured (smp.key.secure)");
        }
    }

    private void unsignedSendAfterKey() throws Exception {
        needSecured();
        sender.send(null, queue.sid(), "SEND :unsigned");
        sender.expect("the reply to an unsigned SEND on a secured queue", "ERR AUTH");
    }

    private void signedSendAfterKey() throws Exception {
        needSecured();
        sender.send(senderKey, queue.sid(), "SEND :signed");
        sender.expect("the reply to a signed SEND", "OK");
        checkMessage(recipient.next("the MSG of the signed SEND"), queue.rid(), bytes("signed"));
        recipient.send(queue.key(), queue.rid(), "ACK");
        recipient.expect("the reply to ACK", "OK");
    }

    private void badSignature() throws Exception {
        needSecured();
        errors.send(strangerKey, queue.rid(), "SUB");
        errors.expect("the reply to SUB signed with a foreign key", "ERR AUTH");
        sender.send(strangerKey, queue.sid(), "SEND :forged");
        sender.expect("the reply to SEND signed with a foreign key", "ERR AUTH");
    }

    private void keyTwice() throws Exception {
        needSecured();
        recipient.send(queue.key(), queue.rid(), "KEY " + Encodings.base64(strangerKey.publicKey()));
        recipient.expect("the reply to a second KEY", "ERR AUTH");
    }

    private void signedSendToUnsecured() throws Exception {
        needConnections();
        Queue other = createQueue(errors, newKey());
        sender.send(senderKey, other.sid(), "SEND :signed");
        sender.expect("the reply to a signed SEND on an unsecured queue", "ERR AUTH");
    }

    private void wrongRole() throws Exception {
        needQueue();
        errors.send(queue.key(), queue.sid(), "SUB");
        errors.expect("the reply to SUB addressed to the SID", "ERR AUTH");
        sender.send(secured ? senderKey : null, queue.rid(), "SEND :wrong role");
        sender.expect("the reply to SEND addressed to the RID", "ERR AUTH");
    }

    private void unknownQueue() throws Exception {
        needConnections();
        errors.send(recipientKey, Encodings.base64(randomBytes(12)), "SUB");
        errors.expect("the reply to SUB on an unknown queue", "ERR AUTH");
    }

    // ---- error codes ----

    private CheckBody errorCheck(SigningKey key, String connId, String command, String expected) {
        return () -> {
            needConnections();
            errors.send(key, connId, command);
            errors.expect("the reply to `" + command + "`", expected);
        };
    }

    private void syntax1() throws Exception {
        needQueue();
        errors.write(("!!!!\r\n" + queue.rid() + "\r\nSUB\r\n").getBytes(StandardCharsets.US_ASCII));
        errors.expect("the reply to a transmission whose signature is not base64", "ERR SYNTAX 1");
    }

    private void syntax3() throws Exception {
        needQueue();
        errors.send(null, queue.rid(), "SUB");
        errors.expect("the reply to an unsigned SUB", "ERR SYNTAX 3");
    }

    private void syntax4() throws Exception {
        needQueue();
        errors.send(null, queue.rid(), "CONN " + Encodings.base64(strangerKey.publicKey()));
        errors.expect("the reply to CONN with a connId", "ERR SYNTAX 4");
    }

    private void syntax6() throws Exception {
        needQueue();
        errors.send(null, queue.sid(), "SEND abc");
        errors.expect("the reply to `SEND abc`", "ERR SYNTAX 6");
    }

    private void prohibited() throws Exception {
        needQueue();
        errors.send(null, queue.sid(), "OK");
        errors.expect("the reply to a client's OK", "ERR PROHIBITED");
    }

    private void sizeMismatch() throws Exception {
        needQueue();
        errors.write(("\r\n" + queue.sid() + "\r\nSEND 5\r\nhellox\r\n").getBytes(StandardCharsets.US_ASCII));
        errors.expect("the reply to a body followed by a non-empty line", "ERR SIZE");
    }

    // ---- ordering ----

    private void pipelining() throws Exception {
        needConnections();
        ProbeConnection pipe = open();
        SigningKey key = newKey();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        batch.writeBytes(ProbeConnection.transmission(null, "", "CONN " + Encodings.base64(key.publicKey()), null));
        batch.writeBytes(ProbeConnection.transmission(null, "", "HELLO", null));
        batch.writeBytes(ProbeConnection.transmission(null, "", "CONN", null));
        batch.writeBytes(ProbeConnection.transmission(key, Encodings.base64(randomBytes(12)), "SUB", null));
        pipe.write(batch.toByteArray());
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SmpTransmission reply = pipe.next("reply " + (i + 1) + " of 4 pipelined commands");
            // IDS carries random IDs: compare its keyword; the errors in full.
            replies.add(reply.keyword().equals("IDS") ? "IDS" : reply.command());
        }
        expectEquals(
                "replies to CONN, HELLO, CONN without key, SUB on an unknown queue",
                List.of("IDS", "ERR UNKNOWN", "ERR SYNTAX 2", "ERR AUTH"),
                replies);
    }

    // ---- subscriptions ----

    private Queue takeoverQueue;
    private ProbeConnection oldSubscriber;
    private ProbeConnection newSubscriber;
    private String unackedMsgId;
    private SmpTransmission takeoverReply;

    private void takeover() throws Exception {
        needConnections();
        oldSubscriber = open();
        takeoverQueue = createQueue(oldSubscriber, newKey());
        sender.send(null, takeoverQueue.sid(), "SEND :before takeover");
        sender.expect("the reply to SEND", "OK");
        unackedMsgId = checkMessage(
                oldSubscriber.next("the MSG pushed to the first subscriber"),
                takeoverQueue.rid(),
                bytes("before takeover"));
        newSubscriber = open();
        newSubscriber.send(takeoverQueue.key(), takeoverQueue.rid(), "SUB");
        takeoverReply = newSubscriber.next("the reply to SUB from a second connection");
        SmpTransmission end = oldSubscriber.next("END on the first subscriber");
        expectEquals("what the first subscriber got after the takeover", "END", end.command());
        expectEquals("END connId", takeoverQueue.rid(), end.connId());
    }

    private void redelivery() throws Exception {
        if (takeoverReply == null) {
            throw skip("no takeover happened (smp.sub.takeover-end)");
        }
        String msgId = checkMessage(takeoverReply, takeoverQueue.rid(), bytes("before takeover"));
        expectEquals("msgId of the re-delivered message", unackedMsgId, msgId);
    }

    private void ackAfterEnd() throws Exception {
        if (oldSubscriber == null || takeoverReply == null) {
            throw skip("no takeover happened (smp.sub.takeover-end)");
        }
        oldSubscriber.send(takeoverQueue.key(), takeoverQueue.rid(), "ACK");
        oldSubscriber.expect("the reply to ACK after END", "ERR PROHIBITED");
    }

    private void pushesToNewSubscriber() throws Exception {
        if (newSubscriber == null || takeoverReply == null) {
            throw skip("no takeover happened (smp.sub.takeover-end)");
        }
        newSubscriber.send(takeoverQueue.key(), takeoverQueue.rid(), "ACK");
        newSubscriber.expect("the reply to ACK of the re-delivered message", "OK");
        sender.send(null, takeoverQueue.sid(), "SEND :after takeover");
        sender.expect("the reply to SEND", "OK");
        checkMessage(
                newSubscriber.next("the MSG pushed to the new subscriber"),
                takeoverQueue.rid(),
                bytes("after takeover"));
        // The old subscriber's next transmission must be the answer to this probe, not that MSG.
        oldSubscriber.send(null, "", "HELLO");
        SmpTransmission next = oldSubscriber.next("the reply to a probe on the old subscriber");
        require(!next.keyword().equals("MSG"), "the old subscriber still received MSG after END");
    }

    // ---- suspend and delete ----

    private void suspend() throws Exception {
        needQueue();
        recipient.send(queue.key(), queue.rid(), "OFF");
        recipient.expect("the reply to OFF", "OK");
        recipient.send(queue.key(), queue.rid(), "OFF");
        recipient.expect("the reply to a second OFF", "OK");
        sender.send(secured ? senderKey : null, queue.sid(), "SEND :after off");
        sender.expect("the reply to SEND on a suspended queue", "ERR AUTH");
        recipient.send(queue.key(), queue.rid(), "SUB");
        recipient.expect("the reply to SUB on a suspended, empty queue", "OK");
    }

    private void delete() throws Exception {
        needQueue();
        recipient.send(queue.key(), queue.rid(), "DEL");
        recipient.expect("the reply to DEL", "OK");
        recipient.send(queue.key(), queue.rid(), "SUB");
        recipient.expect("the reply to SUB on a deleted queue", "ERR AUTH");
        sender.send(secured ? senderKey : null, queue.sid(), "SEND :after del");
        sender.expect("the reply to SEND on a deleted queue", "ERR AUTH");
    }

    // ---- hardening ----

    private void garbage() throws Exception {
        needConnections();
        ProbeConnection junk = open();
        junk.write(new byte[] {
            1,
            2,
            3,
            ' ',
            'g',
            'a',
            'r',
            'b',
            'a',
            'g',
            'e',
            '\r',
            '\n',
            'n',
            'o',
            't',
            ' ',
            '!',
            '!',
            '\r',
            '\n',
            (byte) 0xff,
            (byte) 0xfe,
            0,
            '\r',
            '\n'
        });
        SmpTransmission reply = junk.next("the reply to a transmission of garbage lines");
        require(reply.keyword().equals("ERR"), "garbage lines were answered `" + reply.command() + "`, not an ERR");
        stillWorks(junk, "garbage lines");
    }

    private void bodyCap() throws Exception {
        needConnections();
        ProbeConnection big = open();
        Queue q = createQueue(big, newKey());
        byte[] body = new byte[OVER_CAP];
        Arrays.fill(body, (byte) 'a');
        big.sendBinary(null, q.sid(), body);
        SmpTransmission reply = big.next("the reply to a 1 MiB SEND");
        if (reply.keyword().equals("OK") || reply.keyword().equals("MSG")) {
            throw fail("a 1 MiB body was accepted (" + reply.keyword() + "): no body size cap");
        }
        expectEquals("the reply to a 1 MiB SEND", "ERR SIZE", reply.command());
        stillWorks(big, "the refused body");
    }

    private void lineCap() throws Exception {
        needConnections();
        ProbeConnection longLine = open();
        byte[] line = new byte[OVER_CAP + 2];
        Arrays.fill(line, (byte) 'A');
        line[OVER_CAP] = '\r';
        line[OVER_CAP + 1] = '\n';
        longLine.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        longLine.write(line);
        longLine.expect("the reply to a 1 MiB command line", "ERR SIZE");
        stillWorks(longLine, "the over-long line");
    }

    private void stillWorks(ProbeConnection connection, String after) throws InterruptedException {
        SigningKey key = newKey();
        connection.send(null, "", "CONN " + Encodings.base64(key.publicKey()));
        SmpTransmission reply = connection.next("the reply to CONN after " + after);
        require(
                reply.keyword().equals("IDS"),
                "after " + after + " CONN was answered `" + reply.command() + "`: the stream did not resynchronise");
    }

    private void badHandshake() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(target.host(), target.port()), (int) ProbeConnection.REPLY_WAIT.toMillis());
            socket.setSoTimeout((int) ProbeConnection.REPLY_WAIT.toMillis());
            InputStream in = socket.getInputStream();
            byte[] prefix = in.readNBytes(8);
            require(prefix.length == 8, "the server header ended after " + prefix.length + " bytes");
            int keyLength = ((prefix[6] & 0xff) << 8) | (prefix[7] & 0xff);
            byte[] key = in.readNBytes(keyLength);
            require(key.length == keyLength, "the server header's key ended early");
            int modulusBytes;
            try {
                modulusBytes = (RsaPublicKey.fromSpki(key).modulusBits() + 7) / 8;
            } catch (KeyFormatException e) {
                throw fail("the server header's key is not an RSA SubjectPublicKeyInfo");
            }
            socket.getOutputStream().write(randomBytes(modulusBytes));
            socket.getOutputStream().flush();
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException e) {
                throw fail("the server kept the connection open after a handshake that does not decrypt");
            } catch (IOException e) {
                return; // a reset is a close too
            }
            require(first < 0, "the server answered a handshake that does not decrypt instead of closing");
        }
    }

    // ---- helpers ----

    private ProbeConnection open() throws IOException {
        ProbeConnection connection;
        try {
            connection = ProbeConnection.open(target);
        } catch (IOException e) {
            throw fail("could not connect to " + target.host() + ":" + target.port() + ": " + e.getMessage());
        }
        connections.add(connection);
        return connection;
    }

    private void needConnections() {
        if (recipient == null) {
            throw skip("no connection to the server (smp.transport.connect)");
        }
    }

    private void needQueue() {
        needConnections();
        if (queue == null) {
            throw skip("no queue was created (smp.create.ids)");
        }
    }

    private SigningKey newKey() {
        return switch (target.scheme()) {
            case ED25519 -> SigningKey.ed25519(Ed25519PrivateKey.generate(random));
            case RSA -> SigningKey.rsa(RsaPrivateKey.generate(2048, random).privateKey());
        };
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] base64(String text, String what) {
        try {
            byte[] decoded = Encodings.fromBase64(text);
            require(decoded.length > 0, what + " is empty");
            return decoded;
        } catch (EncodingException e) {
            throw fail(what + " `" + text + "` is not base64");
        }
    }

    @Override
    public void close() {
        connections.forEach(ProbeConnection::close);
    }
}
