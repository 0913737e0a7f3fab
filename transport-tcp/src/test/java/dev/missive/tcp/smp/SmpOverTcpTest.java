package dev.missive.tcp.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.Ed25519PrivateKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Queue behaviour through real loopback sockets, in both transport modes. */
class SmpOverTcpTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A queue created over {@code client}: its IDs and recipient key. */
    record Queue(String rid, String sid, Ed25519PrivateKey recipientKey) {}

    static Queue create(RawClient client) {
        Ed25519PrivateKey rk = Ed25519PrivateKey.generate(RANDOM);
        client.send(Wire.unsigned("", "CONN " + Wire.b64(rk.publicKey().spki())));
        Wire.Reply ids = client.next();
        assertThat(ids.kind()).isEqualTo("IDS");
        return new Queue(ids.words()[1], ids.words()[2], rk);
    }

    @ParameterizedTest
    @EnumSource(SmpTransportMode.class)
    void secondSubscriberGetsTheUnacknowledgedMessageAndTheFirstGetsEnd(SmpTransportMode mode) throws IOException {
        try (SmpTcpServer server = ServerFixture.start(mode);
                RawClient first = RawClient.connect(server);
                RawClient second = RawClient.connect(server);
                RawClient sender = RawClient.connect(server)) {
            Queue q = create(first);
            sender.send(Wire.unsigned(q.sid(), "SEND :one"));
            assertThat(sender.next().command()).isEqualTo("OK");
            Wire.Reply delivered = first.next();
            assertThat(delivered.kind()).isEqualTo("MSG");
            assertThat(delivered.bodyText()).isEqualTo("one");

            second.send(Wire.signed(q.recipientKey(), q.rid(), "SUB"));
            Wire.Reply redelivered = second.next();
            assertThat(redelivered.kind()).isEqualTo("MSG");
            assertThat(redelivered.words()[1])
                    .as("same msgId")
                    .isEqualTo(delivered.words()[1]);
            assertThat(redelivered.bodyText()).isEqualTo("one");
            Wire.Reply end = first.next();
            assertThat(end.connId()).isEqualTo(q.rid());
            assertThat(end.command()).isEqualTo("END");

            // The old subscriber can no longer acknowledge; the new one can.
            first.send(Wire.signed(q.recipientKey(), q.rid(), "ACK"));
            assertThat(first.next().command()).isEqualTo("ERR PROHIBITED");
            second.send(Wire.signed(q.recipientKey(), q.rid(), "ACK"));
            assertThat(second.next().command()).isEqualTo("OK");
        }
    }

    @ParameterizedTest
    @EnumSource(SmpTransportMode.class)
    void securedQueueTakesOnlySignedBinarySends(SmpTransportMode mode) throws IOException {
        try (SmpTcpServer server = ServerFixture.start(mode);
                RawClient alice = RawClient.connect(server);
                RawClient bob = RawClient.connect(server)) {
            Queue q = create(alice);
            Ed25519PrivateKey sk = Ed25519PrivateKey.generate(RANDOM);
            alice.send(Wire.signed(
                    q.recipientKey(), q.rid(), "KEY " + Wire.b64(sk.publicKey().spki())));
            assertThat(alice.next().command()).isEqualTo("OK");

            bob.send(Wire.unsigned(q.sid(), "SEND :unsigned"));
            assertThat(bob.next().command()).isEqualTo("ERR AUTH");
            // A body larger than one Appendix A block, with CR LF and binary bytes inside.
            byte[] body = new byte[9_000];
            RANDOM.nextBytes(body);
            bob.send(Wire.signedSend(sk, q.sid(), body));
            assertThat(bob.next().command()).isEqualTo("OK");
            Wire.Reply msg = alice.next();
            assertThat(msg.kind()).isEqualTo("MSG");
            assertThat(msg.body()).isEqualTo(body);
        }
    }

    /** Commands whose replies do not depend on random IDs, plus one CONN. */
    private static List<byte[]> script(Ed25519PrivateKey key) {
        List<byte[]> script = new ArrayList<>();
        script.add(Wire.unsigned("", "HELLO"));
        script.add(Wire.unsigned("", "CONN " + Wire.b64(key.publicKey().spki())));
        script.add(Wire.unsigned("", "CONN"));
        script.add(Wire.unsigned("!!", "SUB"));
        script.add(Wire.unsigned("AAAAAAAAAAAAAAAA", "SUB"));
        script.add(Wire.signed(key, "AAAAAAAAAAAAAAAA", "SUB"));
        script.add(Wire.unsigned("AAAAAAAAAAAAAAAA", "SEND abc"));
        script.add(Wire.unsigned("", "SEND :x"));
        script.add(Wire.unsigned("AAAAAAAAAAAAAAAA", "SEND :x"));
        script.add(Wire.unsigned("", "OK"));
        script.add(Wire.ascii("\r\nAAAAAAAAAAAAAAAA\r\nSEND 3\r\nabcd\r\n"));
        return script;
    }

    @ParameterizedTest
    @EnumSource(SmpTransportMode.class)
    void pipelinedAndByteByByteWritesGiveTheSameReplies(SmpTransportMode mode) throws IOException {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(RANDOM);
        List<byte[]> script = script(key);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        script.forEach(all::writeBytes);
        byte[] stream = all.toByteArray();
        try (SmpTcpServer server = ServerFixture.start(mode);
                RawClient pipelined = RawClient.connect(server);
                RawClient trickled = RawClient.connect(server)) {
            pipelined.send(stream);
            for (byte b : stream) {
                trickled.send(new byte[] {b});
            }
            List<String> a = pipelined.next(script.size()).stream()
                    .map(Wire.Reply::normalized)
                    .toList();
            List<String> b = trickled.next(script.size()).stream()
                    .map(Wire.Reply::normalized)
                    .toList();
            assertThat(a).isEqualTo(b);
            assertThat(a).first().isEqualTo("||ERR UNKNOWN|");
            assertThat(a.get(1)).isEqualTo("||IDS <rid> <sid>|");
        }
    }
}
