package dev.missive.osms.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.osms.model.UserId;
import dev.missive.osms.model.Username;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link QueueStore} must have. */
public abstract class QueueStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final UserId ALICE = new UserId(String.format("%032x", 1));
    private static final UserId BOB = new UserId(String.format("%032x", 2));
    private static final UserId CAROL = new UserId(String.format("%032x", 3));

    private QueueStore store;

    /** @return an empty store; called before each test */
    protected abstract QueueStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private Optional<QueuedItem> send(UserId to, String message, int quota) {
        return store.enqueue(to, ALICE, Username.of("alice"), message, T0, quota);
    }

    @Test
    void itemsComeBackOldestFirstWithIncreasingIds() {
        QueuedItem first = send(BOB, "?OTR:one.", 10).orElseThrow();
        QueuedItem second = send(BOB, "?OTR:two.", 10).orElseThrow();
        send(CAROL, "?OTR:other.", 10);
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(first.recipient()).isEqualTo(BOB);
        assertThat(first.sender()).isEqualTo(ALICE);
        assertThat(first.senderUsername()).isEqualTo(Username.of("alice"));
        assertThat(first.receivedAt()).isEqualTo(T0);

        assertThat(store.list(BOB, 10)).containsExactly(first, second);
        assertThat(store.list(BOB, 1)).containsExactly(first);
        assertThat(store.count(BOB)).isEqualTo(2);
        assertThat(store.list(ALICE, 10)).isEmpty();
    }

    @Test
    void acknowledgeDeletesOnlyTheRecipientsOwnItems() {
        QueuedItem first = send(BOB, "?OTR:one.", 10).orElseThrow();
        QueuedItem second = send(BOB, "?OTR:two.", 10).orElseThrow();
        QueuedItem carols = send(CAROL, "?OTR:c.", 10).orElseThrow();

        assertThat(store.acknowledge(BOB, List.of(first.id(), carols.id(), 999_999L)))
                .isEqualTo(1);
        assertThat(store.list(BOB, 10)).containsExactly(second);
        assertThat(store.list(CAROL, 10)).containsExactly(carols);
        assertThat(store.acknowledge(BOB, List.of(first.id()))).isZero();
        assertThat(store.acknowledge(BOB, List.of())).isZero();
    }

    @Test
    void theQuotaIsEnforced() {
        assertThat(send(BOB, "?OTR:1.", 2)).isPresent();
        assertThat(send(BOB, "?OTR:2.", 2)).isPresent();
        assertThat(send(BOB, "?OTR:3.", 2)).isEmpty();
        assertThat(store.count(BOB)).isEqualTo(2);
        assertThat(send(CAROL, "?OTR:1.", 2)).isPresent();
    }

    @Test
    void concurrentSendsNeverExceedTheQuota() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                tasks.add(() -> send(BOB, "?OTR:x.", 5).isPresent());
            }
            int accepted = 0;
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                if (f.get()) {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(5);
            assertThat(store.count(BOB)).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }
}
