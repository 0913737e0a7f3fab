package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.jdbc.testing.OnEachDatabase;
import dev.missive.jdbc.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@OnEachDatabase
class SqlTest {

    private static final Instant NANOS = Instant.parse("2026-01-01T00:00:00.123456789Z");

    private final TestDatabase backend;

    SqlTest(TestDatabase backend) {
        this.backend = backend;
    }

    private record Item(String name, byte[] data, long number, boolean flag, Instant at, String state) {}

    private enum State {
        ACTIVE
    }

    @BeforeEach
    void createTable() {
        String bytes = backend.database().dialect() == Dialect.POSTGRESQL ? "BYTEA" : "BLOB";
        backend.database()
                .inTransaction(c -> Sql.update(
                        c,
                        "CREATE TABLE IF NOT EXISTS sql_item (name TEXT PRIMARY KEY, " + "data " + bytes
                                + ", number BIGINT NOT NULL, flag BOOLEAN NOT NULL, at BIGINT NOT NULL, state TEXT)"));
        backend.clear("sql_item");
    }

    @Test
    void bindsAndReadsBackEveryType() {
        Database database = backend.database();
        int inserted = database.inTransaction(c -> Sql.update(
                c,
                "INSERT INTO sql_item (name, data, number, flag, at, state) VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)",
                "a",
                new byte[] {0, 1, (byte) 0xff},
                Long.MAX_VALUE,
                true,
                NANOS,
                State.ACTIVE,
                "b",
                null,
                7,
                false,
                Instant.EPOCH,
                null));
        assertThat(inserted).isEqualTo(2);

        List<Item> items = database.inTransaction(c -> Sql.queryList(
                c,
                "SELECT name, data, number, flag, at, state FROM sql_item ORDER BY name",
                r -> new Item(r.string(1), r.bytes(2), r.longValue(3), r.bool(4), r.instant(5), r.string(6))));
        assertThat(items).hasSize(2);
        assertThat(items.get(0).data()).containsExactly(0, 1, 0xff);
        assertThat(items.get(0))
                .extracting(Item::name, Item::number, Item::flag, Item::at, Item::state)
                .containsExactly("a", Long.MAX_VALUE, true, NANOS, "ACTIVE");
        assertThat(items.get(1).data()).isNull();
        assertThat(items.get(1))
                .extracting(Item::number, Item::flag, Item::at, Item::state)
                .containsExactly(7L, false, Instant.EPOCH, null);
    }

    @Test
    void updateEachRunsTheStatementOncePerRowAndCountsEachRun() {
        Database database = backend.database();
        int[] inserted = database.inTransaction(c -> Sql.updateEach(
                c,
                "INSERT INTO sql_item (name, number, flag, at) VALUES (?, ?, ?, ?)",
                List.of(new Object[] {"a", 1L, true, NANOS}, new Object[] {"b", 2L, false, NANOS})));
        assertThat(inserted).containsExactly(1, 1);
        int[] deleted = database.inTransaction(c -> Sql.updateEach(
                c,
                "DELETE FROM sql_item WHERE name = ?",
                List.of(new Object[] {"b"}, new Object[] {"missing"}, new Object[] {"a"}, new Object[] {"a"})));
        assertThat(deleted).as("per row, in order").containsExactly(1, 0, 1, 0);
        int[] none = database.inTransaction(c -> Sql.updateEach(c, "DELETE FROM sql_item", List.of()));
        assertThat(none).isEmpty();
    }

    @Test
    void updateEachRefusesAStatementThatChangedSeveralRows() {
        Database database = backend.database();
        database.inTransaction(c -> Sql.update(
                c,
                "INSERT INTO sql_item (name, number, flag, at) VALUES (?, ?, ?, ?), (?, ?, ?, ?)",
                "a",
                1L,
                true,
                NANOS,
                "b",
                1L,
                true,
                NANOS));

        assertThatThrownBy(() -> database.inTransaction(c -> Sql.updateEach(
                        c, "UPDATE sql_item SET flag = ? WHERE number = ?", List.<Object[]>of(new Object[] {false, 1L
                        }))))
                .hasStackTraceContaining("reported 2 rows instead of 0 or 1");
        boolean changed = database.inTransaction(c -> Sql.exists(c, "SELECT 1 FROM sql_item WHERE flag = ?", false));
        assertThat(changed).as("rolled back").isFalse();
    }

    @Test
    void queryOneExistsAndUpdateCounts() {
        Database database = backend.database();
        database.inTransaction(c -> Sql.update(
                c, "INSERT INTO sql_item (name, number, flag, at) VALUES (?, ?, ?, ?)", "a", 1, true, NANOS));
        Optional<Instant> found = database.inTransaction(
                c -> Sql.queryOne(c, "SELECT at FROM sql_item WHERE name = ?", r -> r.instant(1), "a"));
        Optional<Instant> missing = database.inTransaction(
                c -> Sql.queryOne(c, "SELECT at FROM sql_item WHERE name = ?", r -> r.instant(1), "b"));
        boolean later =
                database.inTransaction(c -> Sql.exists(c, "SELECT 1 FROM sql_item WHERE at > ?", NANOS.minusNanos(1)));
        boolean none = database.inTransaction(c -> Sql.exists(c, "SELECT 1 FROM sql_item WHERE at > ?", NANOS));
        int deleted = database.inTransaction(c -> Sql.update(c, "DELETE FROM sql_item WHERE name = ?", "b"));
        assertThat(found).contains(NANOS);
        assertThat(missing).isEmpty();
        assertThat(later).isTrue();
        assertThat(none).isFalse();
        assertThat(deleted).isZero();
    }

    @Test
    void refusesATypeItCannotBindTheSameWayOnEveryDatabase() {
        assertThatThrownBy(() -> backend.database().inTransaction(c -> Sql.exists(c, "SELECT 1 WHERE 1 = ?", 1.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");
    }
}
