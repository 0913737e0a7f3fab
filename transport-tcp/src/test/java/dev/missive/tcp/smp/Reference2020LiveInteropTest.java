package dev.missive.tcp.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.smp.Reference2020SignatureScheme;
import dev.missive.smp.SigningKey;
import dev.missive.smp.client.ClientSession;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.SmpError;
import dev.missive.smp.model.SmpException;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.ConnectionSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * This SDK's client against a live 2020 reference server (simplexmq {@code 480ff8690}, the seed
 * dialect with {@code CONN}). Runs only when {@code MISSIVE_SMP_REFERENCE=host:port} names such a
 * server (how to build and run it: {@code docs/smp-interop.md}); skipped otherwise. The reference
 * compares "signatures" with the key bytes, so the client uses the test-only
 * {@link Reference2020SignatureScheme}. Bodies are LF-free where the reference server would corrupt
 * them (it re-emits LF inside a body as CRLF without changing the declared size; see {@code docs/smp-interop.md}).
 */
class Reference2020LiveInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static String host;
    private static int port;

    private final Reference2020SignatureScheme scheme = new Reference2020SignatureScheme();
    private final RandomSource random = RandomSource.secure();

    @BeforeAll
    static void reference() {
        String target = System.getenv("MISSIVE_SMP_REFERENCE");
        Assumptions.assumeTrue(
                target != null && !target.isBlank(),
                "MISSIVE_SMP_REFERENCE=host:port of a running 2020 reference SMP server is not set");
        int colon = target.lastIndexOf(':');
        host = target.substring(0, colon);
        port = Integer.parseInt(target.substring(colon + 1));
    }

    /** One TCP connection with a request/reply session and what the server pushed on it. */
    private static final class Client implements AutoCloseable {
        final SmpTcpConnection tcp;
        final ClientSession session;
        final List<ServerMessage.Msg> messages = new CopyOnWriteArrayList<>();
        final List<QueueId> ends = new CopyOnWriteArrayList<>();
        final List<SmpException> errors = new CopyOnWriteArrayList<>();

        Client() throws Exception {
            tcp = SmpTcpConnection.connect(
                    SmpTcpConnection.Options.plain(host, port).withSettings(ConnectionSettings.DEFAULTS));
            session = new ClientSession(tcp.sink(), new ClientSession.Listener() {
                @Override
                public void onMessage(QueueId recipientId, ServerMessage.Msg message) {
                    messages.add(message);
                }

                @Override
                public void onEnd(QueueId recipientId) {
                    ends.add(recipientId);
                }

                @Override
                public void onProtocolError(SmpException error) {
                    errors.add(error);
                }
            });
            tcp.onClosed(session::close);
            tcp.start(session::onBytes);
        }

        ServerMessage call(SigningKey key, QueueId queue, Command command) throws Exception {
            return session.request(key, queue, command).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        String awaitText(int count) {
            await().atMost(WAIT).until(() -> messages.size() >= count);
            return new String(messages.get(count - 1).body(), StandardCharsets.US_ASCII);
        }

        @Override
        public void close() {
            tcp.close();
        }
    }

    private static ServerMessage err(SmpError error) {
        return new ServerMessage.Err(error);
    }

    @Test
    void everyRecipientAndSenderCommand() throws Exception {
        try (Client alice = new Client();
                Client bob = new Client()) {
            SigningKey rk = scheme.generateKey(random);
            ServerMessage.Ids ids = (ServerMessage.Ids) alice.call(null, null, new Command.Create(rk.publicKey()));
            QueueId rid = ids.recipientId();
            QueueId sid = ids.senderId();
            assertThat(rid).isNotEqualTo(sid);

            SigningKey sk = scheme.generateKey(random);
            String confirmation = "key " + Base64.getEncoder().encodeToString(sk.publicKey());
            assertThat(bob.call(null, sid, Command.Send.text(confirmation))).isEqualTo(new ServerMessage.Ok());
            assertThat(alice.awaitText(1)).isEqualTo(confirmation);
            assertThat(alice.call(rk, rid, new Command.Acknowledge())).isEqualTo(new ServerMessage.Ok());
            assertThat(alice.call(rk, rid, new Command.Acknowledge())).isEqualTo(err(SmpError.PROHIBITED));

            assertThat(bob.call(sk, sid, Command.Send.text("signed too early"))).isEqualTo(err(SmpError.AUTH));
            assertThat(alice.call(rk, sid, new Command.Secure(sk.publicKey()))).isEqualTo(err(SmpError.AUTH));
            assertThat(alice.call(rk, rid, new Command.Secure(sk.publicKey()))).isEqualTo(new ServerMessage.Ok());
            assertThat(alice.call(rk, rid, new Command.Secure(sk.publicKey()))).isEqualTo(err(SmpError.AUTH));

            assertThat(bob.call(null, sid, Command.Send.text("unsigned"))).isEqualTo(err(SmpError.AUTH));
            assertThat(bob.call(sk, sid, Command.Send.binary("binary body, no LF".getBytes(StandardCharsets.US_ASCII))))
                    .isEqualTo(new ServerMessage.Ok());
            assertThat(alice.awaitText(2)).isEqualTo("binary body, no LF");
            assertThat(bob.call(sk, sid, Command.Send.text("second"))).isEqualTo(new ServerMessage.Ok());
            // ACK answers with the next message.
            ServerMessage next = alice.call(rk, rid, new Command.Acknowledge());
            assertThat(next).isInstanceOf(ServerMessage.Msg.class);
            assertThat(new String(((ServerMessage.Msg) next).body(), StandardCharsets.US_ASCII))
                    .isEqualTo("second");

            // SUB from another connection: the unacknowledged message again, END to the first.
            try (Client alice2 = new Client()) {
                ServerMessage sub = alice2.call(rk, rid, new Command.Subscribe());
                assertThat(sub).isInstanceOf(ServerMessage.Msg.class);
                assertThat(((ServerMessage.Msg) sub).msgId()).isEqualTo(((ServerMessage.Msg) next).msgId());
                await().atMost(WAIT).until(() -> alice.ends.contains(rid));
                assertThat(alice.call(rk, rid, new Command.Acknowledge())).isEqualTo(err(SmpError.PROHIBITED));
                assertThat(alice2.call(rk, rid, new Command.Acknowledge())).isEqualTo(new ServerMessage.Ok());

                assertThat(alice2.call(rk, rid, new Command.Suspend())).isEqualTo(new ServerMessage.Ok());
                assertThat(alice2.call(rk, rid, new Command.Suspend())).isEqualTo(new ServerMessage.Ok());
                assertThat(bob.call(sk, sid, Command.Send.text("after OFF"))).isEqualTo(err(SmpError.AUTH));
                assertThat(alice2.call(rk, rid, new Command.Delete())).isEqualTo(new ServerMessage.Ok());
                assertThat(alice2.call(rk, rid, new Command.Subscribe())).isEqualTo(err(SmpError.AUTH));
                assertThat(bob.call(sk, sid, Command.Send.text("after DEL"))).isEqualTo(err(SmpError.AUTH));
                assertThat(alice2.errors).isEmpty();
            }
            assertThat(alice.errors).isEmpty();
            assertThat(bob.errors).isEmpty();
        }
    }

    @Test
    void pipelinedRequestsAreMatchedInOrder() throws Exception {
        try (Client alice = new Client();
                Client bob = new Client()) {
            SigningKey rk = scheme.generateKey(random);
            ServerMessage.Ids ids = (ServerMessage.Ids) alice.call(null, null, new Command.Create(rk.publicKey()));
            var replies = new java.util.ArrayList<java.util.concurrent.CompletableFuture<ServerMessage>>();
            for (int i = 0; i < 10; i++) {
                replies.add(bob.session.request(null, ids.senderId(), Command.Send.text("m" + i)));
            }
            replies.add(bob.session.request(null, ids.recipientId(), Command.Send.text("to the RID")));
            for (int i = 0; i < 10; i++) {
                assertThat(replies.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .isEqualTo(new ServerMessage.Ok());
            }
            assertThat(replies.get(10).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(err(SmpError.AUTH));
            for (int i = 0; i < 10; i++) {
                assertThat(alice.awaitText(i + 1)).isEqualTo("m" + i);
                if (i < 9) {
                    // The MSG answering ACK is also reported to the listener: it is message i + 2.
                    assertThat(alice.call(rk, ids.recipientId(), new Command.Acknowledge()))
                            .isInstanceOf(ServerMessage.Msg.class);
                }
            }
        }
    }

    /**
     * The duplex procedure of the seed with ClientSession requests (the 2020 test conventions
     * {@code key <SK>} and {@code reply_id <SID>} as bodies). The SDK's {@code SmpClient}/{@code
     * DuplexConnection} are not run here: their HPKE bodies are binary and the reference server
     * corrupts any body containing LF.
     */
    @Test
    void duplexOverTwoQueues() throws Exception {
        try (Client alice = new Client();
                Client bob = new Client()) {
            SigningKey ra = scheme.generateKey(random);
            SigningKey rb = scheme.generateKey(random);
            SigningKey sa = scheme.generateKey(random);
            SigningKey sb = scheme.generateKey(random);
            Base64.Encoder b64 = Base64.getEncoder();
            ServerMessage.Ids a = (ServerMessage.Ids) alice.call(null, null, new Command.Create(ra.publicKey()));
            assertThat(bob.call(null, a.senderId(), Command.Send.text("key " + b64.encodeToString(sb.publicKey()))))
                    .isEqualTo(new ServerMessage.Ok());
            byte[] bobKey = Base64.getDecoder().decode(alice.awaitText(1).substring(4));
            assertThat(alice.call(ra, a.recipientId(), new Command.Acknowledge()))
                    .isEqualTo(new ServerMessage.Ok());
            assertThat(alice.call(ra, a.recipientId(), new Command.Secure(bobKey)))
                    .isEqualTo(new ServerMessage.Ok());

            ServerMessage.Ids b = (ServerMessage.Ids) bob.call(null, null, new Command.Create(rb.publicKey()));
            assertThat(bob.call(
                            sb,
                            a.senderId(),
                            Command.Send.text("reply_id " + b.senderId().base64())))
                    .isEqualTo(new ServerMessage.Ok());
            assertThat(alice.awaitText(2)).isEqualTo("reply_id " + b.senderId().base64());
            assertThat(alice.call(ra, a.recipientId(), new Command.Acknowledge()))
                    .isEqualTo(new ServerMessage.Ok());
            assertThat(alice.call(null, b.senderId(), Command.Send.text("key " + b64.encodeToString(sa.publicKey()))))
                    .isEqualTo(new ServerMessage.Ok());
            byte[] aliceKey = Base64.getDecoder().decode(bob.awaitText(1).substring(4));
            assertThat(bob.call(rb, b.recipientId(), new Command.Acknowledge())).isEqualTo(new ServerMessage.Ok());
            assertThat(bob.call(rb, b.recipientId(), new Command.Secure(aliceKey)))
                    .isEqualTo(new ServerMessage.Ok());

            assertThat(bob.call(sb, a.senderId(), Command.Send.text("hi alice")))
                    .isEqualTo(new ServerMessage.Ok());
            assertThat(alice.awaitText(3)).isEqualTo("hi alice");
            assertThat(alice.call(ra, a.recipientId(), new Command.Acknowledge()))
                    .isEqualTo(new ServerMessage.Ok());
            assertThat(alice.call(
                            sa,
                            b.senderId(),
                            Command.Send.binary("how are you bob".getBytes(StandardCharsets.US_ASCII))))
                    .isEqualTo(new ServerMessage.Ok());
            assertThat(bob.awaitText(2)).isEqualTo("how are you bob");
            assertThat(bob.call(rb, b.recipientId(), new Command.Acknowledge())).isEqualTo(new ServerMessage.Ok());
            assertThat(alice.errors).isEmpty();
            assertThat(bob.errors).isEmpty();
        }
    }
}
