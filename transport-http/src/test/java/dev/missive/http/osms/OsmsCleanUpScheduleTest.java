package dev.missive.http.osms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.osms.OsmsEvent;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.memory.InMemoryQueueStore;
import dev.missive.osms.memory.InMemorySessionStore;
import dev.missive.osms.memory.InMemoryUserStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The HTTP host runs the engine's clean-up on its schedule and stops when it closes. */
class OsmsCleanUpScheduleTest {

    @Test
    void runsTheEnginesCleanUpUntilClosed() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        OsmsServer engine = OsmsServer.builder()
                .clock(Clock.system())
                .random(RandomSource.secure())
                .userStore(new InMemoryUserStore())
                .sessionStore(new InMemorySessionStore())
                .queueStore(new InMemoryQueueStore())
                .otr(OsmsLoopback.otr())
                .serverKey(OtrKeyPair.generate(new SecureRandom()))
                .eventListener(new EventListener() {
                    @Override
                    public void onProtocolEvent(ProtocolEvent event) {
                        if (event instanceof OsmsEvent.CleanedUp) {
                            runs.incrementAndGet();
                        }
                    }
                })
                .build();

        OsmsHttpServer server = OsmsHttpServer.builder(engine)
                .cleanUpInterval(Duration.ofMillis(20))
                .start();
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() >= 3);
        server.close();
        int afterClose = runs.get();

        // A run already under way may finish; none starts after that.
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> runs.get() <= afterClose + 1);
        assertThat(runs.get()).isLessThanOrEqualTo(afterClose + 1);
    }
}
