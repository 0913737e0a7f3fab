package dev.missive.jdbc.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.spi.InboxEntry;
import dev.missive.emsg.spi.OutboxEntry;
import dev.missive.emsg.spi.SeenMark;
import dev.missive.emsg.spi.StoredInboxEntry;
import dev.missive.jdbc.GroupedWrites;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The marked EMSG writes of one group commit run together (the marks in one batch, then the
 * entries): each message must get the answer it would get alone, also when its id comes twice in
 * one group or was seen before.
 */
@OnEachDatabase
class CombinedEmsgWritesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final EmsgAddress ALICE = new EmsgAddress("alice", "a.test");
    private static final EmsgAddress BOB = new EmsgAddress("bob", "b.test");
    private static final EmsgAddress CAROL = new EmsgAddress("carol", "b.test");

    private final TestDatabase backend;
    private JdbcInboxStore inbox;
    private JdbcOutboxStore outbox;
    private JdbcReplayGuardStore guard;

    CombinedEmsgWritesTest(TestDatabase backend) {
        this.backend = backend;
    }

    @BeforeEach
    void createStores() {
        inbox = new JdbcInboxStore(backend.database());
        outbox = new JdbcOutboxStore(backend.database());
        guard = new JdbcReplayGuardStore(backend.database());
        backend.clear("emsg_inbox", "emsg_outbox", "replay_guard");
    }

    private static SeenMark seen(int message) {
        return new SeenMark("emsg.seen", ALICE + " m" + message, NOW.plusSeconds(600), NOW);
    }

    private static InboxEntry toInbox(EmsgAddress owner, int message) {
        return new InboxEntry(owner, ALICE, "m" + message, "{\"n\":" + message + "}", NOW);
    }

    private static OutboxEntry toOutbox(int message) {
        return new OutboxEntry(
                "e" + message, "b.test", ALICE, "m" + message, "{}", ALICE, NOW, NOW.plusSeconds(60), 0, NOW);
    }

    @Test
    void inboxAppendsOfOneGroupEachGetTheirOwnAnswer() throws Exception {
        // Messages 0..4 are new; 5 repeats 1's id; 3 was seen before; 4 goes to two owners, one of
        // whom already has it in the inbox (appended without a mark, as with a guard elsewhere).
        assertThat(inbox.appendAll(List.of(toInbox(BOB, 3)), guard, seen(3))).hasValue(1);
        assertThat(inbox.append(toInbox(CAROL, 4))).isTrue();
        List<Callable<OptionalInt>> appends = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int message = i < 5 ? i : 1;
            List<InboxEntry> entries =
                    message == 4 ? List.of(toInbox(BOB, 4), toInbox(CAROL, 4)) : List.of(toInbox(BOB, message));
            appends.add(() -> inbox.appendAll(entries, guard, seen(message)));
        }
        List<OptionalInt> outcomes = GroupedWrites.inOneGroup(backend.database(), appends);

        assertThat(outcomes.get(0)).hasValue(1);
        assertThat(outcomes.get(2)).hasValue(1);
        assertThat(outcomes.get(3)).as("seen before the group").isEmpty();
        assertThat(outcomes.get(4)).as("one of its two entries was there").hasValue(1);
        assertThat(List.of(outcomes.get(1), outcomes.get(5))).containsOnlyOnce(OptionalInt.of(1));
        assertThat(List.of(outcomes.get(1), outcomes.get(5))).containsOnlyOnce(OptionalInt.empty());
        assertThat(inbox.list(BOB, 0, 10))
                .extracting(StoredInboxEntry::entry)
                .extracting(InboxEntry::messageId)
                .containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4");
        assertThat(inbox.list(CAROL, 0, 10)).hasSize(1);
    }

    @Test
    void aMarkPastItsWindowIsRecordedAgainInAGroup() throws Exception {
        SeenMark expired = new SeenMark("emsg.seen", ALICE + " m7", NOW.plusSeconds(1), NOW);
        assertThat(inbox.appendAll(List.of(toInbox(BOB, 7)), guard, expired)).hasValue(1);
        SeenMark later = new SeenMark("emsg.seen", ALICE + " m7", NOW.plusSeconds(600), NOW.plusSeconds(2));
        List<Callable<OptionalInt>> appends = List.of(
                () -> inbox.appendAll(List.of(toInbox(CAROL, 7)), guard, later),
                () -> inbox.appendAll(List.of(toInbox(CAROL, 8)), guard, seen(8)));

        assertThat(GroupedWrites.inOneGroup(backend.database(), appends))
                .containsExactly(OptionalInt.of(1), OptionalInt.of(1));
        assertThat(guard.isRecorded("emsg.seen", ALICE + " m7", NOW.plusSeconds(2)))
                .isTrue();
    }

    @Test
    void outboxEnqueuesOfOneGroupEachGetTheirOwnAnswer() throws Exception {
        List<Callable<OptionalInt>> enqueues = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int message = i < 4 ? i : 2;
            OutboxEntry entry = toOutbox(i);
            enqueues.add(() -> outbox.enqueueAll(List.of(entry), guard, seen(message)));
        }
        List<OptionalInt> outcomes = GroupedWrites.inOneGroup(backend.database(), enqueues);

        assertThat(outcomes.subList(0, 2)).containsOnly(OptionalInt.of(1));
        assertThat(outcomes.get(3)).hasValue(1);
        assertThat(List.of(outcomes.get(2), outcomes.get(4)))
                .containsExactlyInAnyOrder(OptionalInt.of(1), OptionalInt.empty());
        assertThat(outbox.size()).isEqualTo(4);
        assertThat(guard.isRecorded("emsg.seen", ALICE + " m2", NOW)).isTrue();
    }

    @Test
    void removalsOfOneGroupEachGetTheEntriesTheyRemoved() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(outbox.enqueue(toOutbox(i))).isTrue();
        }
        // Three lanes report: an unknown id, and e2 twice (the first report removes it).
        List<Callable<Set<String>>> removals = List.of(
                () -> outbox.removeAll(List.of("e0", "e1", "unknown")),
                () -> outbox.removeAll(List.of("e2", "e3")),
                () -> outbox.removeAll(List.of("e2", "e4")));
        List<Set<String>> removed = GroupedWrites.inOneGroup(backend.database(), removals);

        assertThat(removed.get(0)).containsExactly("e0", "e1");
        Set<String> both = new HashSet<>(removed.get(1));
        both.addAll(removed.get(2));
        assertThat(removed.get(1).size() + removed.get(2).size())
                .as("e2 counted once")
                .isEqualTo(3);
        assertThat(both).containsExactlyInAnyOrder("e2", "e3", "e4");
        assertThat(outbox.size()).isEqualTo(1);
        assertThat(outbox.find("e5")).isPresent();
    }
}
