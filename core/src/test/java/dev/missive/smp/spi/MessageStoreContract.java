package dev.missive.smp.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.smp.model.QueueId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MessageStore} must have. Each implementation runs this suite through a
 * subclass that supplies {@link #newStore()}: memory in core, SQLite and PostgreSQL in one
 * parameterized class in storage-jdbc ({@code docs/storage.md}).
 */
public abstract class MessageStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123Z");
    private static final QueueId Q1 = QueueId.of(new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
    private static final QueueId Q2 = QueueId.of(new byte[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2});

    private MessageStore store;

    /** Returns an empty store; called before each test (database subclasses clear their tables). */
    protected abstract MessageStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static StoredMessage message(int n, Instant at) {
        return new StoredMessage(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) n}, at, ("body " + n).getBytes());
    }

    @Test
    void messagesComeOutInArrivalOrderAndOnlyTheHeadIsDeleted() {
        for (int i = 1; i <= 3; i++) {
            assertThat(store.append(Q1, message(i, T0.plusSeconds(i)), 10).stored())
                    .isTrue();
        }
        assertThat(store.count(Q1)).isEqualTo(3);
        assertThat(store.peek(Q1)).contains(message(1, T0.plusSeconds(1)));
        assertThat(store.peek(Q1)).as("peek does not remove").contains(message(1, T0.plusSeconds(1)));

        assertThat(store.deleteHead(Q1, message(2, T0).msgId()))
                .as("not the head")
                .isFalse();
        assertThat(store.deleteHead(Q1, message(1, T0).msgId())).isTrue();
        assertThat(store.deleteHead(Q1, message(1, T0).msgId()))
                .as("already gone")
                .isFalse();
        assertThat(store.peek(Q1)).contains(message(2, T0.plusSeconds(2)));
        assertThat(store.count(Q1)).isEqualTo(2);
    }

    @Test
    void deleteHeadAndPeekRemovesTheHeadAndReturnsTheNextOne() {
        for (int i = 1; i <= 2; i++) {
            assertThat(store.append(Q1, message(i, T0.plusSeconds(i)), 10).stored())
                    .isTrue();
        }
        assertThat(store.deleteHeadAndPeek(Q1, message(2, T0).msgId()))
                .as("not the head: nothing removed, the head comes back")
                .contains(message(1, T0.plusSeconds(1)));
        assertThat(store.deleteHeadAndPeek(Q1, message(1, T0).msgId())).contains(message(2, T0.plusSeconds(2)));
        assertThat(store.count(Q1)).isEqualTo(1);
        assertThat(store.deleteHeadAndPeek(Q1, message(2, T0).msgId())).isEmpty();
        assertThat(store.count(Q1)).isZero();
        assertThat(store.deleteHeadAndPeek(Q2, message(1, T0).msgId())).isEmpty();
    }

    @Test
    void bodiesAndTimestampsRoundTripExactly() {
        byte[] body = new byte[4096];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        StoredMessage m = new StoredMessage(new byte[] {9, 8, 7, 6, 5, 4, 3, 2}, T0, body);
        store.append(Q1, m, 1);
        assertThat(store.peek(Q1)).contains(m);
        StoredMessage empty = new StoredMessage(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, T0, new byte[0]);
        store.append(Q2, empty, 1);
        assertThat(store.peek(Q2)).contains(empty);
    }

    @Test
    void appendRespectsTheQuotaAndSaysWhetherTheMessageIsTheHead() {
        assertThat(store.append(Q1, message(1, T0), 2)).isEqualTo(Appended.AS_HEAD);
        assertThat(store.append(Q1, message(2, T0), 2)).isEqualTo(Appended.BEHIND_OTHERS);
        assertThat(store.append(Q1, message(3, T0), 2)).isEqualTo(Appended.REFUSED_FULL);
        assertThat(store.count(Q1)).isEqualTo(2);
        assertThat(store.append(Q1, message(3, T0), 3)).isEqualTo(Appended.BEHIND_OTHERS);
        assertThat(store.append(Q2, message(4, T0), 1)).as("other queue").isEqualTo(Appended.AS_HEAD);
        assertThat(store.append(Q2, message(5, T0), 1)).isEqualTo(Appended.REFUSED_FULL);
    }

    @Test
    void aQueueEmptiedByAcknowledgementsTakesTheNextMessageAsHead() {
        store.append(Q1, message(1, T0), 10);
        store.deleteHead(Q1, message(1, T0).msgId());
        assertThat(store.append(Q1, message(2, T0), 10)).isEqualTo(Appended.AS_HEAD);
        assertThat(store.peek(Q1)).contains(message(2, T0));
    }

    @Test
    void emptyOrUnknownQueueHasNothing() {
        assertThat(store.peek(Q1)).isEmpty();
        assertThat(store.count(Q1)).isZero();
        assertThat(store.deleteHead(Q1, message(1, T0).msgId())).isFalse();
        assertThat(store.deleteQueue(Q1)).isZero();
        assertThat(store.expireOlderThan(Q1, T0)).isZero();
    }

    @Test
    void expireRemovesOnlyOlderMessagesOfTheQueue() {
        store.append(Q1, message(1, T0), 10);
        store.append(Q1, message(2, T0.plus(Duration.ofMinutes(1))), 10);
        store.append(Q1, message(3, T0.plus(Duration.ofMinutes(2))), 10);
        store.append(Q2, message(4, T0), 10);

        assertThat(store.expireOlderThan(Q1, T0.plus(Duration.ofMinutes(1)))).isEqualTo(1);
        assertThat(store.peek(Q1)).contains(message(2, T0.plus(Duration.ofMinutes(1))));
        assertThat(store.count(Q2)).isEqualTo(1);
    }

    @Test
    void globalExpireSweepsEveryQueue() {
        store.append(Q1, message(1, T0), 10);
        store.append(Q1, message(2, T0.plusSeconds(120)), 10);
        store.append(Q2, message(3, T0), 10);
        assertThat(store.expireOlderThan(T0.plusSeconds(60))).isEqualTo(2);
        assertThat(store.count(Q1)).isEqualTo(1);
        assertThat(store.count(Q2)).isZero();
        assertThat(store.peek(Q2)).isEmpty();
    }

    @Test
    void deleteQueueRemovesAllItsMessages() {
        store.append(Q1, message(1, T0), 10);
        store.append(Q1, message(2, T0), 10);
        store.append(Q2, message(3, T0), 10);
        assertThat(store.deleteQueue(Q1)).isEqualTo(2);
        assertThat(store.count(Q1)).isZero();
        assertThat(store.peek(Q2)).contains(message(3, T0));
        assertThat(store.append(Q1, message(5, T0), 1)).as("queue usable again").isEqualTo(Appended.AS_HEAD);
    }

    @Test
    void concurrentAppendsNeverExceedTheQuota() throws Exception {
        List<Appended> results = QueueStoreContract.race(i -> store.append(Q1, message(i, T0), 5));
        assertThat(results).filteredOn(Appended::stored).hasSize(5);
        assertThat(results)
                .filteredOn(a -> a == Appended.AS_HEAD)
                .as("one of them found the queue empty")
                .hasSize(1);
        assertThat(store.count(Q1)).isEqualTo(5);
    }

    @Test
    void concurrentDeletesOfTheHeadRemoveItOnce() throws Exception {
        store.append(Q1, message(1, T0), 10);
        store.append(Q1, message(2, T0), 10);
        byte[] head = message(1, T0).msgId();
        List<Boolean> results = QueueStoreContract.race(i -> store.deleteHead(Q1, head));
        assertThat(results).containsOnlyOnce(true);
        assertThat(store.count(Q1)).isEqualTo(1);
    }
}
