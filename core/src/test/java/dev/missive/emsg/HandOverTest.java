package dev.missive.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.spi.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message for another domain is stored already leased to the engine that accepted it and handed
 * to its next {@code nextDue} in memory, with no store write of its own; the store is still leased
 * for everything else.
 */
class HandOverTest {

    private static final EmsgAddress BOB = new EmsgAddress("bob", "b.test");

    private final TestNetwork net = new TestNetwork();
    private TestNetwork.Node a;
    private TestNetwork.User alice;

    @BeforeEach
    void startTheSendersServer() throws Exception {
        a = net.add("a.test", EmsgConfig.DEFAULTS.withRateLimits(10_000, 10_000));
        alice = a.user("alice");
    }

    /** What a transport's drainer does when it starts: the engine then hands new messages over. */
    private void drainerStarts() {
        assertThat(a.server.nextDue(10)).isEmpty();
    }

    private void send(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            assertThat(alice.send(alice.client.chat(BOB, "m" + i))).isInstanceOf(ClientReply.Ack.class);
        }
    }

    private Instant now() {
        return net.clock.now();
    }

    @Test
    void aServerNobodyDrainsQueuesNewMessagesDueNow() throws Exception {
        send(1);

        assertThat(a.outbox.due(now(), 10))
                .singleElement()
                .satisfies(entry -> assertThat(entry.attempts()).isZero());
    }

    @Test
    void aNewMessageIsStoredLeasedAndHandedOverWithoutALeaseWrite() throws Exception {
        drainerStarts();
        send(1);
        Duration lease = a.server.config().deliveryLease();

        OutboxEntry stored = a.outbox.due(now().plus(lease), 10).get(0);
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.nextAttemptAt()).isEqualTo(now().plus(lease));
        assertThat(a.outbox.due(now(), 10)).as("not due for another drainer").isEmpty();

        List<OutboundDelivery> due = a.server.nextDue(10);

        assertThat(due).singleElement().satisfies(d -> {
            assertThat(d.entryId()).isEqualTo(stored.entryId());
            assertThat(d.attempt()).isEqualTo(1);
        });
        assertThat(a.outbox.find(stored.entryId()))
                .as("no lease written: the attempt count stays")
                .contains(stored);
        assertThat(a.server.nextDue(10)).as("handed over once").isEmpty();
    }

    @Test
    void anEngineThatDiedBeforeDeliveringLeavesTheEntryDueWhenItsLeaseEnds() throws Exception {
        drainerStarts();
        send(1);
        Duration lease = a.server.config().deliveryLease();

        // What another instance, or this one after a restart, finds in the store.
        assertThat(a.outbox.due(now().plus(lease).minusNanos(1), 10)).isEmpty();
        assertThat(a.outbox.due(now().plus(lease), 10)).hasSize(1);
    }

    @Test
    void pastTheHandOverLimitMessagesAreQueuedDueNowAndLeasedFromTheStore() throws Exception {
        drainerStarts();
        send(Outbox.HAND_OVER_LIMIT + 5);

        assertThat(a.outbox.due(now(), 100))
                .hasSize(5)
                .allSatisfy(entry -> assertThat(entry.attempts()).isZero());
        net.clock.advance(Outbox.STORE_LEASE_INTERVAL); // the store's turn
        List<OutboundDelivery> due = a.server.nextDue(2 * Outbox.HAND_OVER_LIMIT);
        assertThat(due)
                .hasSize(Outbox.HAND_OVER_LIMIT + 5)
                .allSatisfy(d -> assertThat(d.attempt()).isEqualTo(1));
        assertThat(a.outbox.due(now(), 100)).isEmpty();
    }

    @Test
    void aHandedOverEntryWhoseLeaseEndedIsLeftToTheStoreAndSentOnce() throws Exception {
        drainerStarts();
        send(1);
        net.clock.advance(a.server.config().deliveryLease());

        assertThat(a.server.nextDue(10))
                .singleElement()
                .satisfies(d -> assertThat(d.attempt())
                        .as("leased again from the store")
                        .isEqualTo(2));
    }

    @Test
    void aRetryInTheStoreIsLeasedEvenWhileNewMessagesFillEveryBatch() throws Exception {
        drainerStarts();
        send(1);
        OutboundDelivery first = a.server.nextDue(10).get(0);
        a.outbox.reschedule(first.entryId(), 1, now()); // its retry is due in the store
        send(40);
        net.clock.advance(Outbox.STORE_LEASE_INTERVAL);

        // A quarter of the batch is kept for the store, which has not been leased for a second.
        List<OutboundDelivery> batch = a.server.nextDue(8);
        assertThat(batch)
                .hasSize(8)
                .filteredOn(d -> d.entryId().equals(first.entryId()))
                .singleElement()
                .satisfies(d -> assertThat(d.attempt()).isEqualTo(2));

        // Another entry becomes due in the store (as when another instance's lease ends): within the
        // second after the last store lease, handed-over entries fill the batch and the store waits.
        OutboundDelivery other = batch.get(batch.get(0).entryId().equals(first.entryId()) ? 1 : 0);
        a.outbox.reschedule(other.entryId(), 1, now());
        net.clock.advance(Duration.ofMillis(500));
        assertThat(a.server.nextDue(8))
                .hasSize(8)
                .allSatisfy(d -> assertThat(d.attempt()).isEqualTo(1));

        net.clock.advance(Duration.ofMillis(500));
        assertThat(a.server.nextDue(8))
                .hasSize(8)
                .filteredOn(d -> d.entryId().equals(other.entryId()))
                .singleElement()
                .satisfies(d -> assertThat(d.attempt()).isEqualTo(2));
    }

    @Test
    void aBatchOfOneStillLeasesTheStoreOnItsTurn() throws Exception {
        drainerStarts();
        send(1);
        OutboundDelivery first = a.server.nextDue(1).get(0);
        a.outbox.reschedule(first.entryId(), 1, now());
        send(3);
        net.clock.advance(Outbox.STORE_LEASE_INTERVAL);

        assertThat(a.server.nextDue(1))
                .singleElement()
                .satisfies(d -> assertThat(d.entryId()).isEqualTo(first.entryId()));
    }
}
