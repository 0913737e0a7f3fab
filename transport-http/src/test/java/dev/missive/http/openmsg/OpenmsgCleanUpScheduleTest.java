package dev.missive.http.openmsg;

import static org.awaitility.Awaitility.await;

import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.openmsg.OpenmsgEvent;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.spi.PeerUnreachableException;
import dev.missive.testing.ManualClock;
import dev.missive.testing.SeededRandom;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link OpenmsgHttpServer} runs the node's clean-up every {@code cleanUpInterval} without being asked. */
class OpenmsgCleanUpScheduleTest {

    @Test
    void expiredPassCodesAreRemovedByTheServersOwnSchedule() throws IOException {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<OpenmsgEvent.CleanedUp> cleanUps = new CopyOnWriteArrayList<>();
        OpenmsgNode node = OpenmsgNode.builder()
                .domain("a.test")
                .store(new InMemoryOpenmsgStore())
                .transport((uri, body) -> {
                    throw new PeerUnreachableException("no peers in this test");
                })
                .clock(clock)
                .random(new SeededRandom(7))
                .eventListener(new EventListener() {
                    @Override
                    public void onProtocolEvent(ProtocolEvent event) {
                        if (event instanceof OpenmsgEvent.CleanedUp cleanedUp) {
                            cleanUps.add(cleanedUp);
                        }
                    }
                })
                .build();
        node.addUser("1001", "Alice");
        node.issuePassCode("1001");
        try (OpenmsgHttpServer server = OpenmsgHttpServer.builder(node)
                .cleanUpInterval(Duration.ofMillis(20))
                .start()) {
            // Clean-ups run meanwhile, but nothing has expired yet.
            await().atMost(Duration.ofSeconds(20)).until(() -> !cleanUps.isEmpty());
            await().during(Duration.ofMillis(100))
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> cleanUps.stream().allMatch(c -> c.removed() == 0));

            clock.advance(node.config().passCodeLifetime().plusSeconds(1));

            await().atMost(Duration.ofSeconds(20)).until(() -> cleanUps.stream().anyMatch(c -> c.removed() == 1));
        }
    }
}
