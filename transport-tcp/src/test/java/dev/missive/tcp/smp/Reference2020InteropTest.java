package dev.missive.tcp.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.smp.Reference2020SignatureScheme;
import dev.missive.smp.SigningKey;
import dev.missive.smp.SmpServer;
import dev.missive.smp.client.ClientSession;
import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.ConnectionSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client built from this SDK ({@link SmpTcpConnection} + core's {@link ClientSession}) against a
 * server that speaks the 2020 reference dialect: plain TCP, the {@code Welcome to SMP} greeting,
 * and "signatures" compared byte for byte with the stored key (the test-only
 * {@link Reference2020SignatureScheme} on both ends). The exchange is the seed's simplex procedure
 * with the 2020 test conventions ({@code SEND :key <SK>}, LF-free bodies).
 */
class Reference2020InteropTest {

    /** A client end: TCP connection, session, and what the server pushed. */
    private static final class Client implements AutoCloseable {
        final SmpTcpConnection tcp;
        final ClientSession session;
        final List<ServerMessage.Msg> messages = new CopyOnWriteArrayList<>();
        final List<QueueId> ends = new CopyOnWriteArrayList<>();

        Client(int port) throws Exception {
            tcp = SmpTcpConnection.connect(
                    SmpTcpConnection.Options.plain("127.0.0.1", port).withSettings(ConnectionSettings.DEFAULTS));
            session = new ClientSession(tcp.sink(), new ClientSession.Listener() {
                @Override
                public void onMessage(QueueId recipientId, ServerMessage.Msg message) {
                    messages.add(message);
                }

                @Override
                public void onEnd(QueueId recipientId) {
                    ends.add(recipientId);
                }
            });
            tcp.onClosed(session::close);
            tcp.start(session::onBytes);
        }

        ServerMessage call(SigningKey key, QueueId queue, Command command) throws Exception {
            return session.request(key, queue, command).get(20, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            tcp.close();
        }
    }

    @Test
    void simplexProcedureAgainstA2020DialectServer() throws Exception {
        Reference2020SignatureScheme scheme = new Reference2020SignatureScheme();
        RandomSource random = RandomSource.secure();
        SmpServer engine = SmpServer.builder()
                .queueStore(new InMemoryQueueStore())
                .messageStore(new InMemoryMessageStore())
                .clock(Clock.system())
                .random(random)
                .signatureScheme(scheme)
                .build();
        try (SmpTcpServer server =
                        SmpTcpServer.builder(engine).port(0).plain(true).start();
                Client alice = new Client(server.address().getPort());
                Client bob = new Client(server.address().getPort())) {
            SigningKey rk = scheme.generateKey(random);
            ServerMessage.Ids ids = (ServerMessage.Ids) alice.call(null, null, new Command.Create(rk.publicKey()));

            // Bob's unsigned confirmation carries his sender key, 2020 style.
            SigningKey sk = scheme.generateKey(random);
            String confirmation = "key " + Base64.getEncoder().encodeToString(sk.publicKey());
            assertThat(bob.call(null, ids.senderId(), Command.Send.text(confirmation)))
                    .isInstanceOf(ServerMessage.Ok.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> alice.messages.size() == 1);
            String received = new String(alice.messages.get(0).body(), StandardCharsets.US_ASCII);
            assertThat(received).isEqualTo(confirmation);
            byte[] senderKey = Base64.getDecoder().decode(received.substring(4));

            // The "signature" of ACK and KEY is the recipient key itself.
            assertThat(alice.call(rk, ids.recipientId(), new Command.Acknowledge()))
                    .isInstanceOf(ServerMessage.Ok.class);
            assertThat(alice.call(rk, ids.recipientId(), new Command.Secure(senderKey)))
                    .isInstanceOf(ServerMessage.Ok.class);

            // Now only SEND "signed" with SK passes.
            assertThat(bob.call(null, ids.senderId(), Command.Send.text("unsigned")))
                    .isInstanceOf(ServerMessage.Err.class);
            assertThat(bob.call(
                            sk, ids.senderId(), Command.Send.binary("hello alice".getBytes(StandardCharsets.US_ASCII))))
                    .isInstanceOf(ServerMessage.Ok.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> alice.messages.size() == 2);
            assertThat(new String(alice.messages.get(1).body(), StandardCharsets.US_ASCII))
                    .isEqualTo("hello alice");

            // A second connection takes the subscription over; the first gets END.
            try (Client alice2 = new Client(server.address().getPort())) {
                ServerMessage sub = alice2.call(rk, ids.recipientId(), new Command.Subscribe());
                assertThat(sub).isInstanceOf(ServerMessage.Msg.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> alice.ends.contains(ids.recipientId()));
            }
        }
    }
}
