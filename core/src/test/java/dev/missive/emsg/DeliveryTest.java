package dev.missive.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.model.ChatMessage;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.model.SystemMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox: retries with backoff and jitter, expiry with a notice, rate limits, exactly-once delivery. */
class DeliveryTest {

    @Test
    void anUnreachablePeerIsRetriedWithGrowingJitteredBackoffThenReached() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        TestNetwork.Node b = net.add("b.test");
        TestNetwork.User alice = a.user("alice");
        TestNetwork.User bob = b.user("bob");
        a.server.onDeliveryReply(new OutboundDelivery("none", "b.test", "{}", 1), "{}"); // unknown entry: ignored
        alice.send(alice.client.chat(bob.address(), "later"));
        net.down.add("b.test");
        net.pump();
        for (int i = 0; i < 6; i++) {
            net.clock.advance(Duration.ofHours(1));
            net.pump();
        }
        List<EmsgEvent.DeliveryRetried> retries = a.events(EmsgEvent.DeliveryRetried.class);
        assertThat(retries).hasSize(7).allSatisfy(r -> assertThat(r.code()).isEqualTo(503));
        assertThat(retries).extracting(EmsgEvent.DeliveryRetried::attempts).containsExactly(1, 2, 3, 4, 5, 6, 7);
        net.down.clear();
        net.clock.advance(Duration.ofHours(1));
        net.pump();
        assertThat(bob.inbox()).hasSize(1);
        assertThat(a.events(EmsgEvent.Delivered.class))
                .singleElement()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(8));
    }

    @Test
    void backoffDoublesUpToTheMaximumWithJitterInTheUpperHalf() {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        Outbox outbox = a.server.outboxLogic;
        long base = a.server.config().retryBase().toMillis();
        long max = a.server.config().retryMax().toMillis();
        for (int attempts = 1; attempts <= 40; attempts++) {
            long full = Math.min(max, base << Math.min(attempts - 1, 30));
            for (int i = 0; i < 20; i++) {
                long wait = outbox.backoff(attempts).toMillis();
                assertThat(wait).isBetween(full / 2, full);
            }
        }
    }

    @Test
    void anExpiredMessageIsGivenUpWithANoticeToItsSender() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test", EmsgConfig.DEFAULTS.withOutboxLifetime(Duration.ofHours(2)));
        net.add("b.test");
        TestNetwork.User alice = a.user("alice");
        EmsgClientLine line =
                new EmsgClientLine(alice.client.chat(new dev.missive.emsg.model.EmsgAddress("bob", "b.test"), "x"));
        alice.send(line.outgoing());
        net.down.add("b.test");
        for (int i = 0; i < 10; i++) {
            net.pump();
            net.clock.advance(Duration.ofMinutes(30));
        }
        assertThat(a.outbox.size()).isZero();
        assertThat(a.events(EmsgEvent.DeliveryFailed.class))
                .singleElement()
                .satisfies(f -> assertThat(f.code()).isEqualTo(EmsgError.EXPIRED.code()));
        assertThat(alice.inbox()).singleElement().satisfies(item -> {
            SystemMessage notice = (SystemMessage) item.message();
            assertThat(notice.event()).isEqualTo(SystemEvent.DELIVERY_FAILED);
            assertThat(notice.ref()).isEqualTo(line.outgoing().id());
            assertThat(notice.code()).isEqualTo(504);
        });
    }

    /** Keeps an outgoing line for later assertions. */
    private record EmsgClientLine(dev.missive.emsg.client.EmsgClient.Outgoing outgoing) {}

    @Test
    void aPermanentRefusalByThePeerIsGivenUpWithTheirCode() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        net.add("b.test");
        TestNetwork.User alice = a.user("alice");
        alice.send(alice.client.chat(new dev.missive.emsg.model.EmsgAddress("nobody", "b.test"), "x"));
        net.pump();
        assertThat(alice.inbox())
                .singleElement()
                .satisfies(item ->
                        assertThat(((SystemMessage) item.message()).code()).isEqualTo(404));
    }

    @Test
    void senderRateLimitAnswers429WithRetryAfter() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test", EmsgConfig.DEFAULTS.withRateLimits(2, 100));
        TestNetwork.User alice = a.user("alice");
        TestNetwork.User carol = a.user("carol");
        assertThat(alice.send(alice.client.chat(carol.address(), "1"))).isInstanceOf(ClientReply.Ack.class);
        assertThat(alice.send(alice.client.chat(carol.address(), "2"))).isInstanceOf(ClientReply.Ack.class);
        ClientReply third = alice.send(alice.client.chat(carol.address(), "3"));
        assertThat(((ClientReply.Error) third).error().error()).isEqualTo(EmsgError.RATE_LIMITED);
        assertThat(((ClientReply.Error) third).error().retryAfterMillis()).isEqualTo(30_000);
        net.clock.advance(Duration.ofSeconds(30));
        assertThat(alice.send(alice.client.chat(carol.address(), "4"))).isInstanceOf(ClientReply.Ack.class);
    }

    @Test
    void aRateLimitedDeliveryWaitsForThePeersRetryAfter() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        net.add("b.test", EmsgConfig.DEFAULTS.withRegistrationOpen(true).withRateLimits(600, 1));
        TestNetwork.User alice = a.user("alice");
        TestNetwork.User bob = net.nodes.get("b.test").user("bob");
        alice.send(alice.client.chat(bob.address(), "1"));
        alice.send(alice.client.chat(bob.address(), "2"));
        net.pump();
        assertThat(bob.inbox()).hasSize(1);
        assertThat(a.events(EmsgEvent.DeliveryRetried.class))
                .singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(429));
        net.clock.advance(Duration.ofSeconds(59));
        net.pump();
        assertThat(bob.inbox()).hasSize(1);
        net.clock.advance(Duration.ofSeconds(1));
        net.pump();
        assertThat(bob.inbox())
                .extracting(i -> ((ChatMessage) i.message()).body())
                .containsExactly("1", "2");
    }

    @Test
    void leasedEntriesAreNotHandedOutTwice() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        TestNetwork.User alice = a.user("alice");
        alice.send(alice.client.chat(new dev.missive.emsg.model.EmsgAddress("bob", "b.test"), "x"));
        assertThat(a.server.nextDue(10)).hasSize(1);
        assertThat(a.server.nextDue(10)).isEmpty();
        net.clock.advance(a.server.config().deliveryLease());
        assertThat(a.server.nextDue(10))
                .singleElement()
                .satisfies(d -> assertThat(d.attempt()).isEqualTo(2));
    }

    @Test
    void cleanUpPurgesSeenIdsAfterTheWindowAndReportsIt() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        TestNetwork.User alice = a.user("alice");
        TestNetwork.User carol = a.user("carol");
        alice.send(alice.client.chat(carol.address(), "x"));
        assertThat(a.server.cleanUp()).isZero();
        net.clock.advance(a.server.config().seenWindow());
        assertThat(a.server.cleanUp()).isEqualTo(2); // the seen id and the idle rate-limit bucket
        assertThat(a.events(EmsgEvent.CleanedUp.class)).hasSize(2);
    }
}
