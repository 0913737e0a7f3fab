package dev.missive.tcp.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.smp.SmpServer;
import dev.missive.smp.client.DuplexConnection;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.ServerAddress;
import dev.missive.smp.spi.Appended;
import dev.missive.smp.spi.ForwardingMessageStore;
import dev.missive.smp.spi.MessageStore;
import dev.missive.smp.spi.StoredMessage;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.ConnectionSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Alice and Bob build a duplex connection from two queues on two servers (the seed's procedure,
 * core's {@link DuplexConnection}) over real TCP, and talk both ways. Bodies are HPKE-encrypted by
 * the clients: the servers' message stores never hold the plaintext.
 */
class DuplexOverTcpTest {

    /** Records every body a server stores, to check it never sees plaintext. */
    private static final class SpyingMessageStore extends ForwardingMessageStore {
        final List<byte[]> stored = new CopyOnWriteArrayList<>();

        @Override
        public Appended append(QueueId recipientId, StoredMessage message, int quota) {
            stored.add(message.body());
            return delegate.append(recipientId, message, quota);
        }
    }

    private static SmpServer engine(MessageStore messages) {
        return SmpServer.builder()
                .queueStore(new InMemoryQueueStore())
                .messageStore(messages)
                .clock(Clock.system())
                .random(RandomSource.secure())
                .build();
    }

    private static ServerAddress address(SmpTcpServer server) {
        byte[] hash = server.mode() == SmpTransportMode.ENCRYPTED ? server.keyHash() : null;
        return new ServerAddress("127.0.0.1", server.address().getPort(), hash);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @ParameterizedTest
    @EnumSource(SmpTransportMode.class)
    void aliceAndBobTalkBothWaysWithEncryptedBodies(SmpTransportMode mode) throws Exception {
        SpyingMessageStore aliceStore = new SpyingMessageStore();
        SpyingMessageStore bobStore = new SpyingMessageStore();
        List<String> aliceGot = new CopyOnWriteArrayList<>();
        List<String> bobGot = new CopyOnWriteArrayList<>();
        try (SmpTcpServer aliceServer = ServerFixture.start(mode, engine(aliceStore), ConnectionSettings.DEFAULTS);
                SmpTcpServer bobServer = ServerFixture.start(mode, engine(bobStore), ConnectionSettings.DEFAULTS);
                SmpTcpClientPool alicePool = new SmpTcpClientPool();
                SmpTcpClientPool bobPool = new SmpTcpClientPool()) {
            DuplexConnection.Initiation initiation = DuplexConnection.initiate(
                            alicePool.apply(address(aliceServer)),
                            alicePool,
                            bytes -> aliceGot.add(new String(bytes, StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
            // The invitation travels out of band as a URI (with the key hash in encrypted mode).
            var invitation = dev.missive.smp.client.Invitation.parse(
                    initiation.invitation().toUri());
            assertThat(invitation.server().keyHash() != null).isEqualTo(mode == SmpTransportMode.ENCRYPTED);

            DuplexConnection bob = DuplexConnection.accept(
                            bobPool.apply(address(bobServer)),
                            invitation,
                            bobPool,
                            bytes -> bobGot.add(new String(bytes, StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
            DuplexConnection alice = initiation.established().get(30, TimeUnit.SECONDS);

            for (int i = 0; i < 5; i++) {
                alice.send(("secret from alice " + i).getBytes(StandardCharsets.UTF_8))
                        .get(30, TimeUnit.SECONDS);
                bob.send(("secret from bob " + i).getBytes(StandardCharsets.UTF_8))
                        .get(30, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> aliceGot.size() == 5 && bobGot.size() == 5);
            assertThat(bobGot)
                    .containsExactly(
                            "secret from alice 0",
                            "secret from alice 1",
                            "secret from alice 2",
                            "secret from alice 3",
                            "secret from alice 4");
            assertThat(aliceGot)
                    .containsExactly(
                            "secret from bob 0",
                            "secret from bob 1",
                            "secret from bob 2",
                            "secret from bob 3",
                            "secret from bob 4");

            byte[] marker = "secret from".getBytes(StandardCharsets.UTF_8);
            assertThat(aliceStore.stored).isNotEmpty().noneMatch(body -> contains(body, marker));
            assertThat(bobStore.stored).isNotEmpty().noneMatch(body -> contains(body, marker));
        }
    }
}
