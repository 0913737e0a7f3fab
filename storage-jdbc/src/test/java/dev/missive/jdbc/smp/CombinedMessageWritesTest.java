package dev.missive.jdbc.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.jdbc.GroupedWrites;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.Appended;
import dev.missive.smp.spi.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The appends of one group commit run as one statement on PostgreSQL, in the order of the queues'
 * lock keys rather than of the callers, and with the group's acknowledgements in the same statement:
 * each caller must still get its own queue's answer.
 */
@OnEachDatabase
class CombinedMessageWritesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int QUOTA = 2;

    private final TestDatabase backend;
    private JdbcMessageStore store;

    CombinedMessageWritesTest(TestDatabase backend) {
        this.backend = backend;
    }

    @BeforeEach
    void createStore() {
        store = new JdbcMessageStore(backend.database());
        backend.clear("smp_messages", "smp_queues", "smp_queue_ids");
    }

    private static QueueId queue(int i) {
        byte[] id = new byte[24];
        id[0] = (byte) (17 * i + 3);
        id[23] = (byte) i;
        return QueueId.of(id);
    }

    private static StoredMessage message(int i) {
        return new StoredMessage(new byte[] {(byte) i, 1, 2}, T0.plusSeconds(i), new byte[] {(byte) i});
    }

    @Test
    void eachAppendOfAGroupGetsItsOwnQueuesAnswer() throws Exception {
        // Queue i holds i % 3 messages: 0 (the append is the head), 1 (behind), 2 (full at quota 2).
        int queues = 12;
        for (int i = 0; i < queues; i++) {
            for (int m = 0; m < i % 3; m++) {
                store.append(queue(i), message(100 + m), QUOTA);
            }
        }
        List<Callable<Appended>> appends = new ArrayList<>();
        for (int i = 0; i < queues; i++) {
            int q = i;
            appends.add(() -> store.append(queue(q), message(q), QUOTA));
        }
        List<Appended> answers = GroupedWrites.inOneGroup(backend.database(), appends);
        for (int i = 0; i < queues; i++) {
            Appended expected = switch (i % 3) {
                case 0 -> Appended.AS_HEAD;
                case 1 -> Appended.BEHIND_OTHERS;
                default -> Appended.REFUSED_FULL;
            };
            assertThat(answers.get(i)).as("queue %d", i).isEqualTo(expected);
            assertThat(store.count(queue(i))).as("queue %d", i).isEqualTo(Math.min(i % 3 + 1, QUOTA));
        }
    }

    @Test
    void appendsToOneQueueInOneGroupStillRespectTheQuota() throws Exception {
        List<Callable<Appended>> appends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int m = i;
            appends.add(() -> store.append(queue(1), message(m), QUOTA));
        }
        List<Appended> answers = GroupedWrites.inOneGroup(backend.database(), appends);
        assertThat(answers).filteredOn(a -> a == Appended.AS_HEAD).hasSize(1);
        assertThat(answers).filteredOn(a -> a == Appended.BEHIND_OTHERS).hasSize(1);
        assertThat(answers).filteredOn(a -> a == Appended.REFUSED_FULL).hasSize(3);
        assertThat(store.count(queue(1))).isEqualTo(QUOTA);
    }

    @Test
    void eachAcknowledgementOfAGroupGetsItsOwnQueuesNextHead() throws Exception {
        // Queue i holds i % 3 + 1 messages; each acknowledges its head, message(10 * i).
        int queues = 9;
        for (int i = 0; i < queues; i++) {
            for (int m = 0; m <= i % 3; m++) {
                store.append(queue(i), message(10 * i + m), 10);
            }
        }
        List<Callable<Optional<StoredMessage>>> acks = new ArrayList<>();
        for (int i = 0; i < queues; i++) {
            int q = i;
            acks.add(() -> store.deleteHeadAndPeek(queue(q), message(10 * q).msgId()));
        }
        acks.add(() -> store.deleteHeadAndPeek(queue(queues), message(1).msgId()));
        // A queue of two whose second message is acknowledged: nothing is deleted.
        store.append(queue(queues + 1), message(1), 10);
        store.append(queue(queues + 1), message(2), 10);
        acks.add(() -> store.deleteHeadAndPeek(queue(queues + 1), message(2).msgId()));
        List<Optional<StoredMessage>> next = GroupedWrites.inOneGroup(backend.database(), acks);
        for (int i = 0; i < queues; i++) {
            if (i % 3 == 0) {
                assertThat(next.get(i)).as("queue %d", i).isEmpty();
            } else {
                assertThat(next.get(i)).as("queue %d", i).contains(message(10 * i + 1));
            }
            assertThat(store.count(queue(i))).as("queue %d", i).isEqualTo(i % 3);
        }
        assertThat(next.get(queues)).as("an unknown queue").isEmpty();
        assertThat(next.get(queues + 1)).as("not the head").contains(message(1));
        assertThat(store.count(queue(queues + 1))).isEqualTo(2);
    }

    @Test
    void appendsAndAcknowledgementsOfOneGroupEachGetTheirOwnAnswer() throws Exception {
        // Queues 0-5 hold one message each, message(10 * i); all are acknowledged, and queues 0-2
        // get a second message in the same group (appends run first), queues 6-7 a first one.
        for (int i = 0; i < 6; i++) {
            store.append(queue(i), message(10 * i), 10);
        }
        List<Callable<Object>> writes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int q = i;
            writes.add(() -> store.deleteHeadAndPeek(queue(q), message(10 * q).msgId()));
        }
        for (int q : new int[] {0, 1, 2, 6, 7}) {
            writes.add(() -> store.append(queue(q), message(10 * q + 1), 10));
        }
        List<Object> answers = GroupedWrites.inOneGroup(backend.database(), writes);
        for (int i = 0; i < 3; i++) {
            assertThat(answers.get(i)).as("ack of queue %d", i).isEqualTo(Optional.of(message(10 * i + 1)));
            assertThat(answers.get(6 + i)).as("append to queue %d", i).isEqualTo(Appended.BEHIND_OTHERS);
            assertThat(store.peek(queue(i))).as("queue %d", i).contains(message(10 * i + 1));
        }
        for (int i = 3; i < 6; i++) {
            assertThat(answers.get(i)).as("ack of queue %d", i).isEqualTo(Optional.empty());
            assertThat(store.count(queue(i))).as("queue %d", i).isZero();
        }
        assertThat(answers.subList(9, 11)).containsExactly(Appended.AS_HEAD, Appended.AS_HEAD);
        assertThat(store.peek(queue(6))).contains(message(61));
        assertThat(store.peek(queue(7))).contains(message(71));
    }
}
