package dev.missive.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.bench.DurableRatios.Result;
import dev.missive.bench.DurableRatios.Row;
import dev.missive.bench.DurableRatios.Store;
import dev.missive.jdbc.testing.PostgresBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner of issue 9's table, at smoke scale: real driver JVMs on memory, SQLite and the local
 * PostgreSQL, so a driver whose output the runner can no longer read fails here, not in a long
 * measurement. Figures are only checked to be there, never against a speed.
 */
class DurableRatiosTest {

    @RegisterExtension
    static final PostgresBackend POSTGRES = new PostgresBackend();

    @Test
    void runsEveryStoreOfEachRowAndCleansUp(@TempDir Path work) throws Exception {
        // Two SQLite forms and two throughput lines; the drivers with a fixed warm-up of 5 to 20
        // seconds (SMP, EMSG, OSMS) are left out to keep the build short.
        List<Row> rows =
                Stream.of("openmsg8", "mesh").map(DurableRatiosTest::row).toList();

        Map<Row, Map<Store, List<Result>>> results = new DurableRatios(
                        rows, 1, DurableRatios.Scale.SMOKE, POSTGRES.url().jdbcUrl(), work)
                .runAll();

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
        String table = DurableRatios.report(results, 2, Instant.now(), Instant.now());
        rows.forEach(row -> assertThat(table).contains("| " + row.title() + " |"));
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left)
                    .as("only the drivers' output is left")
                    .allMatch(path -> path.toString().endsWith(".out"));
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

    /** Lines as each driver prints them (taken from runs), so a changed regex is caught here. */
    @Test
    void readsEachDriversLines() throws Exception {
        assertThat(DurableRatios.parse(
                        row("smp8"),
                        "store=jdbc:... cluster=false mode=plain keys=ed25519 connections=8 seconds=15.0"
                                + " messages=30061 throughput=2004 msg/s latency_p50=1.69 ms p99=7.40 ms\n"
                                + "cpu per message: jvm=559 us postgres=196 us (summed /proc/<pid>/stat of postgres"
                                + " processes); writes per message=2.00 commits per message=0.61\n"))
                .isEqualTo(new Result(2004, 559, 196));
        assertThat(DurableRatios.parse(
                        row("emsg8"),
                        "store=memory: senders=8 seconds=10 delivered=47104 delivered_per_s=4756 p50_ms=38.2"
                                + " p99_ms=131.0 acknowledged_total=121838\n"
                                + "cpu per message: jvm=403 us; writes per message=0.00 commits per message=0.00\n"))
                .isEqualTo(new Result(4756, 403, 0));
        assertThat(DurableRatios.parse(
                        row("osms"),
                        "relay: 4 pairs, 10.0 s: 2295 texts received, 229.5 texts/s\ncpu per message: jvm=8556 us\n"))
                .isEqualTo(new Result(229.5, 8556, 0));
        assertThat(DurableRatios.parse(
                        row("mesh"),
                        "mesh send: 3000 packets (3598 bytes each), store memory:: 1943 packets/s over HTTP; raw per"
                                + " packet: SHA-256 of the fields 4.7 us\ncpu per message: jvm=1003 us\n"))
                .isEqualTo(new Result(1943, 1003, 0));
    }

    /**
     * Ratios and ceilings are medians of each round's own (two rounds: the mean of the two), the
     * ceiling being cores over the durable run's CPU per message, over memory's throughput.
     */
    @Test
    void reportsMediansOfTheRoundsRatios() {
        Map<Store, List<Result>> byStore = Map.of(
                Store.MEMORY, List.of(new Result(1000, 500, 0), new Result(3000, 700, 0)),
                Store.SQLITE, List.of(new Result(600, 1000, 0), new Result(1200, 2000, 0)),
                Store.POSTGRES, List.of(new Result(300, 3000, 1000), new Result(900, 1000, 1000)));

        String table = DurableRatios.report(Map.of(row("smp8"), byStore), 2, Instant.EPOCH, Instant.EPOCH);

        // SQLite: ratios 0.6 and 0.4; ceilings 2 cores / 1000 us = 2000/s over 1000, 1000/s over 3000.
        // PostgreSQL: ratios 0.3 and 0.3; ceilings 500/s over 1000, 1000/s over 3000.
        assertThat(table)
                .contains("| SMP, 8 connections | 2,000 (1,000 / 3,000) | 900 (600 / 1,200) | 600 (300 / 900)"
                        + " | 50 % | 30 % | 600, 1500, 2000 + 1000 | 117 % / 42 % |");
    }

    private static Row row(String name) {
        return DurableRatios.ROWS.stream()
                .filter(row -> row.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** The schemas the runs derived from the test's own, which the runner must have dropped. */
    private static List<String> schemasOfThisProcess() throws SQLException {
        try (var c = DriverManager.getConnection(POSTGRES.url().jdbcUrl());
                var select = c.prepareStatement("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, ?)")) {
            select.setString(1, POSTGRES.schema() + "_");
            try (var rows = select.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        }
    }
}
