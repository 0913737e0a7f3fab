package dev.missive.tcp.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.smp.SmpConfig;
import dev.missive.smp.SmpServer;
import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.model.QueueId;
import dev.missive.spi.RandomSource;
import dev.missive.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@link SmpTcpServer} runs the engine's clean-up every {@code cleanUpInterval} without being asked. */
class CleanUpScheduleTest {

    private static final Duration TTL = Duration.ofHours(1);

    @Test
    void expiredMessagesAreRemovedByTheServersOwnSchedule() throws IOException {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        InMemoryMessageStore messages = new InMemoryMessageStore();
        SmpServer engine = SmpServer.builder()
                .queueStore(new InMemoryQueueStore())
                .messageStore(messages)
                .clock(clock)
                .random(RandomSource.secure())
                .config(SmpConfig.DEFAULTS.withMessageTtl(TTL))
                .build();
        try (SmpTcpServer server = SmpTcpServer.builder(engine)
                .port(0)
                .cleanUpInterval(Duration.ofMillis(20))
                .start()) {
            QueueId recipientId;
            String senderId;
            try (RawClient recipient = RawClient.connect(server)) {
                Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(new byte[32]);
                recipient.send(
                        Wire.unsigned("", "CONN " + Wire.b64(key.publicKey().spki())));
                String[] ids = recipient.next().words();
                assertThat(ids[0]).isEqualTo("IDS");
                recipientId = QueueId.of(Base64.getDecoder().decode(ids[1]));
                senderId = ids[2];
            }
            try (RawClient sender = RawClient.connect(server)) {
                sender.send(Wire.unsigned(senderId, "SEND :expires unread"));
                assertThat(sender.next().command()).isEqualTo("OK");
            }
            // Clean-ups run meanwhile, but nothing has expired yet.
            await().during(Duration.ofMillis(100))
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> messages.peek(recipientId).isPresent());

            clock.advance(TTL.plusSeconds(1));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> messages.peek(recipientId).isEmpty());
        }
    }
}
