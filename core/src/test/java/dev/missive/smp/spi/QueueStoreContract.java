package dev.missive.smp.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.smp.model.QueueId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link QueueStore} must have. Each implementation runs this suite through a
 * subclass that supplies {@link #newStore()}: memory in core, SQLite and PostgreSQL in one
 * parameterized class in storage-jdbc ({@code docs/storage.md}).
 */
public abstract class QueueStoreContract {

    /** Threads racing in the concurrency tests. */
    protected static final int RACERS = 16;

    private QueueStore store;

    /** Returns an empty store; called before each test (database subclasses clear their tables). */
    protected abstract QueueStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static QueueId id(int n) {
        return QueueId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, (byte) n});
    }

    private static byte[] key(int n) {
        byte[] key = new byte[44];
        java.util.Arrays.fill(key, (byte) n);
        return key;
    }

    @Test
    void createdQueueIsFoundByEachIdInItsOwnRoleOnly() {
        QueueRecord queue = QueueRecord.create(id(1), id(2), key(7));
        assertThat(store.create(queue)).isTrue();

        assertThat(store.findByRecipientId(id(1))).contains(queue);
        assertThat(store.findBySenderId(id(2))).contains(queue);
        assertThat(store.findByRecipientId(id(2))).isEmpty();
        assertThat(store.findBySenderId(id(1))).isEmpty();
        assertThat(store.findByRecipientId(id(3))).isEmpty();
        QueueRecord found = store.findByRecipientId(id(1)).orElseThrow();
        assertThat(found.secured()).isFalse();
        assertThat(found.status()).isEqualTo(QueueStatus.ACTIVE);
        assertThat(found.recipientKey()).isEqualTo(key(7));
    }

    @Test
    void idsCollidingWithAnyIdOfAnotherQueueAreRefused() {
        assertThat(store.create(QueueRecord.create(id(1), id(2), key(1)))).isTrue();
        assertThat(store.create(QueueRecord.create(id(1), id(3), key(2)))).isFalse();
        assertThat(store.create(QueueRecord.create(id(3), id(1), key(2)))).isFalse();
        assertThat(store.create(QueueRecord.create(id(2), id(4), key(2)))).isFalse();
        assertThat(store.create(QueueRecord.create(id(4), id(2), key(2)))).isFalse();
        // nothing of the refused attempts was stored
        assertThat(store.findByRecipientId(id(3))).isEmpty();
        assertThat(store.findBySenderId(id(3))).isEmpty();
        assertThat(store.findByRecipientId(id(4))).isEmpty();
        assertThat(store.findBySenderId(id(4))).isEmpty();
        assertThat(store.findByRecipientId(id(1)).orElseThrow().recipientKey()).isEqualTo(key(1));
    }

    @Test
    void secureSetsTheSenderKeyOnce() {
        store.create(QueueRecord.create(id(1), id(2), key(1)));
        assertThat(store.secure(id(1), key(9))).isTrue();
        assertThat(store.secure(id(1), key(8))).isFalse();
        assertThat(store.findBySenderId(id(2)).orElseThrow().senderKey()).isEqualTo(key(9));
        assertThat(store.secure(id(2), key(8))).as("by sender ID").isFalse();
        assertThat(store.secure(id(5), key(8))).as("unknown").isFalse();
    }

    @Test
    void suspendIsIdempotentAndKeepsTheKeys() {
        store.create(QueueRecord.create(id(1), id(2), key(1)));
        store.secure(id(1), key(9));
        assertThat(store.suspend(id(1))).isTrue();
        assertThat(store.suspend(id(1))).isTrue();
        QueueRecord q = store.findBySenderId(id(2)).orElseThrow();
        assertThat(q.status()).isEqualTo(QueueStatus.SUSPENDED);
        assertThat(q.senderKey()).isEqualTo(key(9));
        assertThat(store.suspend(id(2))).as("by sender ID").isFalse();
        assertThat(store.suspend(id(5))).isFalse();
    }

    @Test
    void deleteRemovesBothIdsAndFreesThem() {
        store.create(QueueRecord.create(id(1), id(2), key(1)));
        assertThat(store.delete(id(2))).as("by sender ID").isFalse();
        assertThat(store.delete(id(1))).isTrue();
        assertThat(store.delete(id(1))).isFalse();
        assertThat(store.findByRecipientId(id(1))).isEmpty();
        assertThat(store.findBySenderId(id(2))).isEmpty();
        assertThat(store.secure(id(1), key(3))).isFalse();
        assertThat(store.create(QueueRecord.create(id(2), id(1), key(4)))).isTrue();
    }

    @Test
    void queuesAreIndependent() {
        store.create(QueueRecord.create(id(1), id(2), key(1)));
        store.create(QueueRecord.create(id(3), id(4), key(2)));
        store.secure(id(1), key(5));
        store.suspend(id(3));
        store.delete(id(1));
        QueueRecord other = store.findByRecipientId(id(3)).orElseThrow();
        assertThat(other.secured()).isFalse();
        assertThat(other.status()).isEqualTo(QueueStatus.SUSPENDED);
        assertThat(other.recipientKey()).isEqualTo(key(2));
    }

    @Test
    void concurrentCreatesWithTheSameIdStoreExactlyOne() throws Exception {
        List<Boolean> results = race(i -> store.create(QueueRecord.create(id(1), id(100 + i), key(i))));
        assertThat(results).containsOnlyOnce(true);
    }

    @Test
    void concurrentSecuresSetExactlyOneKey() throws Exception {
        store.create(QueueRecord.create(id(1), id(2), key(1)));
        List<Boolean> results = race(i -> store.secure(id(1), key(10 + i)));
        assertThat(results).containsOnlyOnce(true);
        int winner = results.indexOf(true);
        assertThat(store.findByRecipientId(id(1)).orElseThrow().senderKey()).isEqualTo(key(10 + winner));
    }

    /** Runs {@code work(i)} for {@code i < RACERS} on as many threads, released together. */
    protected static <T> List<T> race(java.util.function.IntFunction<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int n = i;
                Callable<T> task = () -> {
                    start.await();
                    return work.apply(n);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
