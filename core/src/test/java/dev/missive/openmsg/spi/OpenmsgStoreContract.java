package dev.missive.openmsg.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.crypto.Secret;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link OpenmsgStore} must have. Each implementation runs this suite through a
 * subclass that supplies {@link #newStore()}: memory in core, SQLite and PostgreSQL in one
 * parameterized class in storage-jdbc ({@code docs/storage.md}).
 */
public abstract class OpenmsgStoreContract {

    /** Threads racing for the same row in the concurrency tests. */
    protected static final int RACERS = 16;

    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    protected static final OpenmsgAddress ALICE = OpenmsgAddress.parse("1000000*a.example");
    protected static final OpenmsgAddress BOB = OpenmsgAddress.parse("2000000*b.example");
    protected static final OpenmsgAddress CAROL = OpenmsgAddress.parse("0003*c.example");
    private static final String H1 = "1".repeat(64);
    private static final String H2 = "2".repeat(64);
    private static final String NONCE = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZX";

    private OpenmsgStore store;

    /**
     * Returns an empty store. Called once before each test; a database-backed subclass clears its
     * tables here so that tests never see each other's rows.
     */
    protected abstract OpenmsgStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    // ---- users --------------------------------------------------------------------------------------

    @Test
    void userIsStoredAndItsNameReplaced() {
        assertThat(store.user("1000000")).isEmpty();
        store.putUser(new OpenmsgUser("1000000", "Alice"));
        store.putUser(new OpenmsgUser("0003", "Carol"));
        store.putUser(new OpenmsgUser("1000000", "Alice B"));
        assertThat(store.user("1000000")).contains(new OpenmsgUser("1000000", "Alice B"));
        assertThat(store.user("0003")).contains(new OpenmsgUser("0003", "Carol"));
        assertThat(store.user("3")).as("ids are strings: leading zeros matter").isEmpty();
    }

    // ---- pass codes ---------------------------------------------------------------------------------

    @Test
    void passCodeIsSingleUse() {
        store.putUser(new OpenmsgUser("1000000", "Alice"));
        store.addPassCode("1000000", Secret.ofText("123456"), T0, T0.plusSeconds(3600));
        assertThat(store.usePassCode("1000000", Secret.ofText("123456"), T0.plusSeconds(10), 5))
                .isEqualTo(PassCodeCheck.ACCEPTED);
        assertThat(store.usePassCode("1000000", Secret.ofText("123456"), T0.plusSeconds(11), 5))
                .isEqualTo(PassCodeCheck.REJECTED);
    }

    @Test
    void passCodeIsBoundToItsUser() {
        store.putUser(new OpenmsgUser("1000000", "Alice"));
        store.putUser(new OpenmsgUser("2000000", "Bob"));
        store.addPassCode("1000000", Secret.ofText("123456"), T0, T0.plusSeconds(3600));
        assertThat(store.usePassCode("2000000", Secret.ofText("123456"), T0, 5)).isEqualTo(PassCodeCheck.REJECTED);
        assertThat(store.usePassCode("1000000", Secret.ofText("123456"), T0, 5)).isEqualTo(PassCodeCheck.ACCEPTED);
    }

    @Test
    void expiredPassCodeIsDeletedAndReportedExpired() {
        store.putUser(new OpenmsgUser("1000000", "Alice"));
        store.addPassCode("1000000", Secret.ofText("123456"), T0, T0.plusSeconds(3600));
        assertThat(store.usePassCode("1000000", Secret.ofText("123456"), T0.plusSeconds(3600), 5))
                .isEqualTo(PassCodeCheck.EXPIRED);
        assertThat(store.usePassCode("1000000", Secret.ofText("123456"), T0.plusSeconds(1), 5))
                .isEqualTo(PassCodeCheck.REJECTED);
    }

    @Test
    void severalCodesOfOneUserAreIndependent() {
        store.putUser(new OpenmsgUser("1000000", "Alice"));
        store.addPassCode("1000000", Secret.ofText("111111"), T0, T0.plusSeconds(3600));
        store.addPassCode("1000000", Secret.ofText("222222"), T0, T0.plusSeconds(3600));
        assertThat(store.usePassCode("1000000", Secret.ofText("222222"), T0, 5)).isEqualTo(PassCodeCheck.ACCEPTED);
        assertThat(store.usePassCode("1000000", Secret.ofText("111111"), T0, 5)).isEqualTo(PassCodeCheck.ACCEPTED);
    }

    @Test
    void failuresReachingTheLimitBurnEveryCodeOfTheUser() {
        store.putUser(new OpenmsgUser("1000000", "Alice"));
        store.putUser(new OpenmsgUser("2000000", "Bob"));
        store.addPassCode("1000000", Secret.ofText("111111"), T0, T0.plusSeconds(3600));
        store.addPassCode("1000000", Secret.ofText("222222"), T0, T0.plusSeconds(3600));
        store.addPassCode("2000000", Secret.ofText("333333"), T0, T0.plusSeconds(3600));
        for (int i = 0; i < 4; i++) {
            assertThat(store.usePassCode("1000000", Secret.ofText("00000" + i), T0, 5))
                    .isEqualTo(PassCodeCheck.REJECTED);
        }
        assertThat(store.usePassCode("1000000", Secret.ofText("000009"), T0, 5)).isEqualTo(PassCodeCheck.LOCKED_OUT);
        assertThat(store.usePassCode("1000000", Secret.ofText("111111"), T0, 5)).isEqualTo(PassCodeCheck.REJECTED);
        assertThat(store.usePassCode("1000000", Secret.ofText("222222"), T0, 5)).isEqualTo(PassCodeCheck.REJECTED);
        assertThat(store.usePassCode("2000000", Secret.ofText("333333"), T0, 5))
                .as("other users are untouched")
                .isEqualTo(PassCodeCheck.ACCEPTED);
    }

    @Test
    void issuingACodeResetsTheFailureCounter() {
        store.putUser(new OpenmsgUser("1000000", "Alice"));
        for (int i = 0; i < 4; i++) {
            store.usePassCode("1000000", Secret.ofText("00000" + i), T0, 5);
        }
        store.addPassCode("1000000", Secret.ofText("123456"), T0, T0.plusSeconds(3600));
        for (int i = 0; i < 4; i++) {
            assertThat(store.usePassCode("1000000", Secret.ofText("99999" + i), T0, 5))
                    .isEqualTo(PassCodeCheck.REJECTED);
        }
        assertThat(store.usePassCode("1000000", Secret.ofText("123456"), T0, 5)).isEqualTo(PassCodeCheck.ACCEPTED);
    }

    @Test
    void acceptedCodeResetsTheFailureCounter() {
        store.putUser(new OpenmsgUser("1000000", "Alice"));
        store.addPassCode("1000000", Secret.ofText("111111"), T0, T0.plusSeconds(3600));
        store.addPassCode("1000000", Secret.ofText("222222"), T0, T0.plusSeconds(3600));
        for (int i = 0; i < 4; i++) {
            store.usePassCode("1000000", Secret.ofText("00000" + i), T0, 5);
        }
        assertThat(store.usePassCode("1000000", Secret.ofText("111111"), T0, 5)).isEqualTo(PassCodeCheck.ACCEPTED);
        assertThat(store.usePassCode("1000000", Secret.ofText("000009"), T0, 5)).isEqualTo(PassCodeCheck.REJECTED);
        assertThat(store.usePassCode("1000000", Secret.ofText("222222"), T0, 5)).isEqualTo(PassCodeCheck.ACCEPTED);
    }

    @Test
    void unknownUserIsRejectedWithoutStoringAnything() {
        assertThat(store.usePassCode("42", Secret.ofText("123456"), T0, 1)).isEqualTo(PassCodeCheck.REJECTED);
        assertThat(store.user("42")).isEmpty();
    }

    @Test
    void concurrentUsesOfOneCodeAcceptExactlyOnce() throws Exception {
        store.putUser(new OpenmsgUser("1000000", "Alice"));
        store.addPassCode("1000000", Secret.ofText("123456"), T0, T0.plusSeconds(3600));
        List<Boolean> results =
                race(() -> store.usePassCode("1000000", Secret.ofText("123456"), T0, 1000) == PassCodeCheck.ACCEPTED);
        assertThat(results).containsOnlyOnce(true);
    }

    // ---- pending handshakes -------------------------------------------------------------------------

    @Test
    void pendingHandshakeIsReplacedPerPairAndListedByAcceptor() {
        store.putPendingHandshake(pending(ALICE, BOB, H1));
        store.putPendingHandshake(pending(ALICE, BOB, H2));
        store.putPendingHandshake(pending(CAROL, BOB, H1));
        store.putPendingHandshake(pending(ALICE, CAROL, H1));
        assertThat(store.pendingHandshakes(BOB))
                .containsExactlyInAnyOrder(pending(ALICE, BOB, H2), pending(CAROL, BOB, H1));
        assertThat(store.pendingHandshakes(ALICE)).isEmpty();
    }

    @Test
    void pendingHandshakeIsRemovedOnlyWithItsHashAndOnlyOnce() {
        store.putPendingHandshake(pending(ALICE, BOB, H1));
        assertThat(store.removePendingHandshake(ALICE, BOB, Secret.ofText(H2))).isFalse();
        assertThat(store.pendingHandshakes(BOB)).hasSize(1);
        assertThat(store.removePendingHandshake(ALICE, BOB, Secret.ofText(H1))).isTrue();
        assertThat(store.removePendingHandshake(ALICE, BOB, Secret.ofText(H1))).isFalse();
        assertThat(store.pendingHandshakes(BOB)).isEmpty();
    }

    @Test
    void concurrentRemovalsOfOnePendingHandshakeSucceedOnce() throws Exception {
        store.putPendingHandshake(pending(ALICE, BOB, H1));
        assertThat(race(() -> store.removePendingHandshake(ALICE, BOB, Secret.ofText(H1))))
                .containsOnlyOnce(true);
    }

    // ---- connections --------------------------------------------------------------------------------

    @Test
    void connectionIsReplacedPerPairAndFoundByIdentCode() {
        OpenmsgConnection first = connection(ALICE, BOB, "a".repeat(64), "b".repeat(64));
        OpenmsgConnection second = connection(ALICE, BOB, "c".repeat(64), "b".repeat(64));
        OpenmsgConnection other = connection(ALICE, CAROL, "d".repeat(64), "e".repeat(64));
        store.putConnection(first);
        store.putConnection(other);
        store.putConnection(second);
        assertThat(store.connection(ALICE, BOB)).contains(second);
        assertThat(store.connection(BOB, ALICE)).isEmpty();
        assertThat(store.connectionByIdentCode(ALICE, Secret.ofText("b".repeat(64))))
                .contains(second);
        assertThat(store.connectionByIdentCode(ALICE, Secret.ofText("e".repeat(64))))
                .contains(other);
        assertThat(store.connectionByIdentCode(BOB, Secret.ofText("b".repeat(64))))
                .as("scoped to the local user")
                .isEmpty();
        assertThat(store.connectionByIdentCode(ALICE, Secret.ofText("f".repeat(64))))
                .isEmpty();
    }

    @Test
    void sendingUserIsTheUserWithItsConnectionToThePeer() {
        OpenmsgConnection toBob = connection(ALICE, BOB, "a".repeat(64), "b".repeat(64));
        OpenmsgConnection carolToAlice = connection(CAROL, ALICE, "c".repeat(64), "d".repeat(64));
        assertThat(store.sendingUser(ALICE, BOB)).as("no such user").isEmpty();
        store.putUser(new OpenmsgUser("1000000", "Alice"));
        store.putUser(new OpenmsgUser("0003", "Carol"));
        assertThat(store.sendingUser(ALICE, BOB))
                .contains(new SendingUser(new OpenmsgUser("1000000", "Alice"), Optional.empty()));
        store.putConnection(toBob);
        store.putConnection(carolToAlice);
        assertThat(store.sendingUser(ALICE, BOB))
                .contains(new SendingUser(new OpenmsgUser("1000000", "Alice"), Optional.of(toBob)));
        assertThat(store.sendingUser(ALICE, CAROL))
                .as("connected to Bob only")
                .contains(new SendingUser(new OpenmsgUser("1000000", "Alice"), Optional.empty()));
        assertThat(store.sendingUser(CAROL, ALICE))
                .contains(new SendingUser(new OpenmsgUser("0003", "Carol"), Optional.of(carolToAlice)));
        assertThat(store.sendingUser(BOB, ALICE))
                .as("Bob is no user of the store")
                .isEmpty();
    }

    @Test
    void receivingConnectionIsFoundByIdentCodeWithTheReplayFlagOfTheHash() {
        OpenmsgConnection connection = connection(BOB, ALICE, "a".repeat(64), "b".repeat(64));
        store.putConnection(connection);
        Secret ident = Secret.ofText("b".repeat(64));
        assertThat(store.receivingConnection(BOB, ident, H1, T0)).contains(new ReceivingConnection(connection, false));
        assertThat(store.receivingConnection(ALICE, ident, H1, T0))
                .as("scoped to the local user")
                .isEmpty();
        assertThat(store.receivingConnection(BOB, Secret.ofText("c".repeat(64)), H1, T0))
                .isEmpty();

        assertThat(store.acceptInbound(inbound(H1, "hello", T0), T0.plusSeconds(100)))
                .isTrue();
        assertThat(store.receivingConnection(BOB, ident, H1, T0.plusSeconds(99)))
                .contains(new ReceivingConnection(connection, true));
        assertThat(store.receivingConnection(BOB, ident, H2, T0.plusSeconds(99)))
                .contains(new ReceivingConnection(connection, false));
        assertThat(store.receivingConnection(BOB, ident, H1, T0.plusSeconds(100)))
                .as("the guard entry expired")
                .contains(new ReceivingConnection(connection, false));
    }

    @Test
    void connectionKeepsEveryField() {
        OpenmsgConnection connection = new OpenmsgConnection(
                ALICE,
                CAROL,
                "Carol C",
                false,
                Secret.ofText("a".repeat(64)),
                Secret.ofText("b".repeat(64)),
                Secret.ofText("c".repeat(64)),
                T0.plusMillis(1500));
        store.putConnection(connection);
        assertThat(store.connection(ALICE, CAROL)).contains(connection);
    }

    // ---- outbound -----------------------------------------------------------------------------------

    @Test
    void outboundMessageIsConfirmedOnceWithItsNonceWithinItsWindow() {
        store.addOutbound(outbound(H1, T0));
        assertThat(store.confirmOutbound(H1, "A".repeat(32), T0))
                .as("wrong nonce")
                .isFalse();
        assertThat(store.confirmOutbound(H2, NONCE, T0)).as("unknown hash").isFalse();
        assertThat(store.confirmOutbound(H1, NONCE, T0.plusSeconds(60))).isTrue();
        assertThat(store.confirmOutbound(H1, NONCE, T0.plusSeconds(60)))
                .as("single use")
                .isFalse();
        assertThat(store.outbound(ALICE))
                .singleElement()
                .extracting(OutboundMessage::status)
                .isEqualTo(OutboundStatus.CONFIRMED);
    }

    @Test
    void outboundMessageIsNotConfirmedAfterItsWindow() {
        store.addOutbound(outbound(H1, T0));
        assertThat(store.confirmOutbound(H1, NONCE, T0.plusSeconds(61))).isFalse();
        assertThat(store.outbound(ALICE))
                .singleElement()
                .extracting(OutboundMessage::status)
                .isEqualTo(OutboundStatus.PENDING);
    }

    @Test
    void aRefusedConfirmationLeavesTheMessagePendingForTheRightOne() {
        store.addOutbound(outbound(H1, T0));
        assertThat(store.confirmOutbound(H1, "A".repeat(32), T0)).isFalse();
        assertThat(store.confirmOutbound(H1, NONCE, T0.plusSeconds(61))).isFalse();
        assertThat(store.outbound(ALICE))
                .singleElement()
                .extracting(OutboundMessage::status)
                .isEqualTo(OutboundStatus.PENDING);
        assertThat(store.confirmOutbound(H1, NONCE, T0.plusSeconds(60))).isTrue();
    }

    @Test
    void outboundMessageIsNotConfirmedAfterItFailed() {
        store.addOutbound(outbound(H1, T0));
        store.completeOutbound(H1, OutboundStatus.FAILED);
        assertThat(store.confirmOutbound(H1, NONCE, T0)).isFalse();
    }

    @Test
    void outboundMessagesAreListedBySenderWithTheirFinalStatus() {
        store.addOutbound(outbound(H1, T0));
        store.addOutbound(outbound(H2, T0.plusSeconds(1)));
        store.completeOutbound(H1, OutboundStatus.DELIVERED);
        store.completeOutbound("9".repeat(64), OutboundStatus.DELIVERED);
        assertThat(store.outbound(ALICE))
                .extracting(OutboundMessage::messageHash, OutboundMessage::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(H1, OutboundStatus.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple(H2, OutboundStatus.PENDING));
        assertThat(store.outbound(ALICE).get(0)).isEqualTo(outbound(H1, T0).withStatus(OutboundStatus.DELIVERED));
        assertThat(store.outbound(BOB)).isEmpty();
    }

    @Test
    void duplicateOutboundHashIsRefused() {
        store.addOutbound(outbound(H1, T0));
        assertThatThrownBy(() -> store.addOutbound(outbound(H1, T0))).isInstanceOf(IllegalStateException.class);
        assertThat(store.outbound(ALICE)).hasSize(1);
    }

    @Test
    void concurrentConfirmationsSucceedOnce() throws Exception {
        store.addOutbound(outbound(H1, T0));
        assertThat(race(() -> store.confirmOutbound(H1, NONCE, T0))).containsOnlyOnce(true);
    }

    @Test
    void concurrentConfirmationsWithWrongNoncesSucceedOnceWithTheRightOne() throws Exception {
        store.addOutbound(outbound(H1, T0));
        AtomicInteger turn = new AtomicInteger();
        List<String> results = race(() -> {
            boolean right = turn.getAndIncrement() % 2 == 0;
            boolean confirmed = store.confirmOutbound(H1, right ? NONCE : "A".repeat(32), T0);
            return confirmed ? (right ? "confirmed" : "confirmed with a wrong nonce") : "refused";
        });
        assertThat(results).containsOnlyOnce("confirmed").containsOnly("confirmed", "refused");
        assertThat(store.outbound(ALICE))
                .singleElement()
                .extracting(OutboundMessage::status)
                .isEqualTo(OutboundStatus.CONFIRMED);
    }

    // ---- inbound ------------------------------------------------------------------------------------

    @Test
    void inboundMessageIsAcceptedOnceAndGuarded() {
        InboxMessage message = inbound(H1, "hello", T0);
        assertThat(store.isReplay(H1, T0)).isFalse();
        assertThat(store.acceptInbound(message, T0.plusSeconds(3600))).isTrue();
        assertThat(store.isReplay(H1, T0.plusSeconds(3599))).isTrue();
        assertThat(store.acceptInbound(inbound(H1, "again", T0.plusSeconds(5)), T0.plusSeconds(7200)))
                .isFalse();
        assertThat(store.inbox(BOB)).containsExactly(message);
    }

    @Test
    void expiredGuardEntryCountsAsAbsent() {
        store.acceptInbound(inbound(H1, "hello", T0), T0.plusSeconds(100));
        assertThat(store.isReplay(H1, T0.plusSeconds(100))).isFalse();
        assertThat(store.acceptInbound(inbound(H1, "later", T0.plusSeconds(100)), T0.plusSeconds(200)))
                .isTrue();
        assertThat(store.isReplay(H1, T0.plusSeconds(150))).isTrue();
        assertThat(store.inbox(BOB)).hasSize(2);
    }

    @Test
    void inboxIsPerRecipientInReceiptOrderAndKeepsEveryField() {
        InboxMessage first = inbound(H1, "first ✓", T0);
        InboxMessage second = inbound(H2, "second", T0.plusSeconds(1));
        InboxMessage forCarol = new InboxMessage(CAROL, ALICE, "Alice", "3".repeat(64), "x", T0.minusSeconds(3), T0);
        store.acceptInbound(first, T0.plusSeconds(3600));
        store.acceptInbound(forCarol, T0.plusSeconds(3600));
        store.acceptInbound(second, T0.plusSeconds(3600));
        assertThat(store.inbox(BOB)).containsExactly(first, second);
        assertThat(store.inbox(CAROL)).containsExactly(forCarol);
        assertThat(store.inbox(ALICE)).isEmpty();
    }

    @Test
    void aGuardThatWouldExpireByReceiptIsRefusedAndNothingStored() {
        assertThatThrownBy(() -> store.acceptInbound(inbound(H1, "hello", T0), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.isReplay(H1, T0.minusSeconds(1))).isFalse();
        assertThat(store.inbox(BOB)).isEmpty();
    }

    @Test
    void concurrentAcceptsOfOneHashStoreItOnce() throws Exception {
        List<Boolean> results = race(() -> store.acceptInbound(inbound(H1, "hello", T0), T0.plusSeconds(3600)));
        assertThat(results).containsOnlyOnce(true);
        assertThat(store.inbox(BOB)).hasSize(1);
    }

    // ---- housekeeping -------------------------------------------------------------------------------

    @Test
    void purgeDeletesOnlyExpiredRows() {
        store.putUser(new OpenmsgUser("1000000", "Alice"));
        store.addPassCode("1000000", Secret.ofText("111111"), T0, T0.plusSeconds(10));
        store.addPassCode("1000000", Secret.ofText("222222"), T0, T0.plusSeconds(100));
        store.putPendingHandshake(pending(ALICE, BOB, H1));
        store.acceptInbound(inbound(H1, "hello", T0), T0.plusSeconds(10));
        store.acceptInbound(inbound(H2, "hello", T0), T0.plusSeconds(100));
        store.addOutbound(outbound(H1, T0));

        assertThat(store.purgeExpired(T0.plusSeconds(60))).isEqualTo(3);
        assertThat(store.pendingHandshakes(BOB)).isEmpty();
        assertThat(store.isReplay(H2, T0.plusSeconds(60))).isTrue();
        assertThat(store.usePassCode("1000000", Secret.ofText("222222"), T0.plusSeconds(60), 5))
                .isEqualTo(PassCodeCheck.ACCEPTED);
        assertThat(store.inbox(BOB)).hasSize(2);
        assertThat(store.outbound(ALICE)).hasSize(1);
        assertThat(store.purgeExpired(T0.plusSeconds(60))).isZero();
    }

    // ---- fixtures -----------------------------------------------------------------------------------

    private static PendingHandshake pending(OpenmsgAddress initiator, OpenmsgAddress acceptor, String hash) {
        return new PendingHandshake(initiator, acceptor, Secret.ofText(hash), T0, T0.plusSeconds(60));
    }

    private static OpenmsgConnection connection(
            OpenmsgAddress self, OpenmsgAddress other, String authCode, String identCode) {
        return new OpenmsgConnection(
                self,
                other,
                "Name",
                true,
                Secret.ofText(authCode),
                Secret.ofText(identCode),
                Secret.ofText("f".repeat(64)),
                T0);
    }

    private static OutboundMessage outbound(String hash, Instant at) {
        return new OutboundMessage(
                ALICE, BOB, hash, NONCE, "hello", at, at.plus(Duration.ofSeconds(60)), OutboundStatus.PENDING);
    }

    private static InboxMessage inbound(String hash, String text, Instant receivedAt) {
        return new InboxMessage(BOB, ALICE, "Alice", hash, text, receivedAt.minusSeconds(2), receivedAt);
    }

    /** Runs {@code task} on {@link #RACERS} threads released together; returns every result. */
    private static <T> List<T> race(Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
