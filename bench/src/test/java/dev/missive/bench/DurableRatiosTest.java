package dev.missive.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.bench.DurableRatios.Result;
import dev.missive.bench.DurableRatios.Row;
import dev.missive.bench.DurableRatios.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner of issue 9's table, at smoke scale: real driver JVMs on memory, SQLite and the local
 * PostgreSQL, so a driver whose output the runner can no longer read fails here, not in a long
 * measurement. Figures are only checked to be there, never against a speed.
 */
class DurableRatiosTest {

    private static final String POSTGRES =
            System.getenv().getOrDefault("MISSIVE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    @Test
    void runsEveryStoreOfEachRowAndCleansUp(@TempDir Path work) throws Exception {
        requirePostgres();
        // Two SQLite forms and two throughput lines; the drivers with a fixed warm-up of 5 to 20
        // seconds (SMP, EMSG, OSMS) are left out to keep the build short.
        List<Row> rows =
                Stream.of("openmsg8", "mesh").map(DurableRatiosTest::row).toList();

        Map<Row, Map<Store, List<Result>>> results =
                new DurableRatios(rows, 1, DurableRatios.Scale.SMOKE, POSTGRES, work).runAll();

        assertThat(results).containsOnlyKeys(rows);
        results.forEach((row, byStore) -> {
            assertThat(byStore).as(row.name()).containsOnlyKeys(Store.values());
            byStore.forEach((store, runs) -> {
                assertThat(runs).as(row.name() + " on " + store).singleElement().satisfies(run -> {
                    assertThat(run.throughput()).isPositive();
                    assertThat(run.jvmMicros()).isPositive();
                    if (store == Store.POSTGRES) {
                        assertThat(run.postgresMicros()).isPositive();
                    } else {
                        assertThat(run.postgresMicros()).isZero();
                    }
                });
            });
        });
        String table = DurableRatios.report(results, 1, Instant.now(), Instant.now());
        rows.forEach(row -> assertThat(table).contains("| " + row.title() + " |"));
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).allMatch(path -> path.getFileName().toString().endsWith(".out"));
        }
        assertThat(schemasOfThisProcess()).isEmpty();
    }

    @Test
    void aRunThatPrintedNoFiguresFails() {
        Row smp = row("smp8");
        assertThatThrownBy(() -> DurableRatios.parse(smp, "cpu per message: jvm=12 us\n"))
                .isInstanceOf(DurableRatios.RunFailed.class)
                .hasMessageContaining("smp8: no throughput or no CPU line");
        assertThatThrownBy(() -> DurableRatios.parse(smp, "store=memory: throughput=10 msg/s\n"))
                .isInstanceOf(DurableRatios.RunFailed.class);
    }

    @Test
    void readsThePostgresFigureWhenThereIsOne() throws Exception {
        Row smp = row("smp8");
        Result result = DurableRatios.parse(
                smp,
                "store=jdbc:... throughput=2004 msg/s latency_p50=1.69 ms\n"
                        + "cpu per message: jvm=559 us postgres=196 us (summed /proc/<pid>/stat of postgres processes)\n");
        assertThat(result).isEqualTo(new Result(2004, 559, 196));
        assertThat(result.cpuMicros()).isEqualTo(755);
    }

    private static Row row(String name) {
        return DurableRatios.ROWS.stream()
                .filter(row -> row.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> schemasOfThisProcess() throws SQLException {
        try (var c = DriverManager.getConnection(POSTGRES);
                var select = c.prepareStatement("SELECT nspname FROM pg_namespace WHERE nspname LIKE ?")) {
            select.setString(1, "durable_ratios_" + ProcessHandle.current().pid() + "\\_%");
            try (var rows = select.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        }
    }

    /** Skips without a reachable PostgreSQL, except in CI, where that is a failure. */
    private static void requirePostgres() {
        try (var c = DriverManager.getConnection(POSTGRES)) {
            c.isValid(5);
        } catch (SQLException e) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("PostgreSQL at " + POSTGRES + " is needed in CI", e);
            }
            Assumptions.abort("no PostgreSQL at " + POSTGRES + ": " + e.getMessage());
        }
    }
}
