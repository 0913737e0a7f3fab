package dev.missive.bench;

import dev.missive.bench.mesh.MeshSendBench;
import dev.missive.bench.openmsg.OpenmsgLoadDriver;
import dev.missive.bench.osms.OsmsLoadDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Issue 9's table in one command: every protocol's load driver on {@code memory:}, SQLite and
 * PostgreSQL, one after the other at the same concurrency, for several rounds; then the median
 * throughput of each, its ratio to memory, the CPU per message of the JVM and of PostgreSQL, and the
 * CPU ceiling (memory's CPU per message over the durable store's: the ratio a run bound by the
 * machine's cores can reach at best).
 *
 * <p>Each run is a JVM of its own, started with this JVM's {@code java} and class path, so no run
 * inherits another's compiled code or heap. Each SQLite run gets a fresh file or directory, each
 * PostgreSQL run a fresh schema, dropped afterwards with the schemas the driver derived from it.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.missive.bench.DurableRatios \
 *     [--rounds 3] [--rows smp8,openmsg8,...] [--scale full|smoke] [--postgres URL]
 * </pre>
 */
public final class DurableRatios {

    private static final String DEFAULT_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final Pattern CPU = Pattern.compile("cpu per message: jvm=(\\d+) us(?: postgres=(\\d+) us)?");

    /** How long one driver run may take before it counts as failed. */
    private static final long RUN_LIMIT_MINUTES = 10;

    /** The stores every row runs on, in this order. */
    enum Store {
        MEMORY("memory"),
        SQLITE("SQLite"),
        POSTGRES("PostgreSQL");

        final String title;

        Store(String title) {
            this.title = title;
        }
    }

    /** How long each driver runs: {@code full} for measurements, {@code smoke} to check the runner. */
    enum Scale {
        FULL,
        SMOKE
    }

    /**
     * One line of the table: a driver and its arguments at one concurrency.
     *
     * @param name the row's name on the command line
     * @param title the row's name in the table
     * @param throughput finds the driver's throughput in its output (group 1)
     * @param sqlite how the driver names a fresh SQLite store under a directory
     * @param jvmOptions options for the driver's JVM
     * @param driver the driver's main class
     * @param arguments the driver's arguments at a scale, without {@code --store}
     */
    record Row(
            String name,
            String title,
            Pattern throughput,
            SqliteForm sqlite,
            List<String> jvmOptions,
            String driver,
            Function<Scale, List<String>> arguments) {}

    /** The SQLite store URL forms the drivers take. */
    enum SqliteForm {
        /** {@code sqlite:DIR/run.db}: the driver's one file. */
        FILE,
        /** {@code sqlite:DIR}: a directory for the driver's files, one per node. */
        DIRECTORY,
        /** {@code sqlite}: the mesh benchmarks' own fresh file. */
        OWN
    }

    private static final Pattern MSG_PER_S = Pattern.compile("throughput=(\\d+) msg/s");

    static final List<Row> ROWS = List.of(
            smp(8),
            smp(64),
            openmsg(8),
            openmsg(32),
            new Row(
                    "emsg8",
                    "EMSG, 8 senders (delivered)",
                    Pattern.compile("delivered_per_s=(\\d+)"),
                    SqliteForm.DIRECTORY,
                    List.of(),
                    EmsgLoadDriver.class.getName(),
                    scale -> List.of("throughput", "8", seconds(scale, 10))),
            new Row(
                    "osms",
                    "OSMS, 4 relay pairs (texts)",
                    Pattern.compile("([\\d.]+) texts/s"),
                    SqliteForm.FILE,
                    List.of(),
                    OsmsLoadDriver.class.getName(),
                    scale -> List.of("relay", "4", seconds(scale, 10))),
            new Row(
                    "mesh",
                    "mesh, /send (packets)",
                    Pattern.compile("([\\d.]+) packets/s"),
                    SqliteForm.OWN,
                    List.of("-Xmx1g"),
                    MeshSendBench.class.getName(),
                    scale -> List.of("--packets", scale == Scale.FULL ? "3000" : "100")));

    private static Row smp(int connections) {
        return new Row(
                "smp" + connections,
                "SMP, " + connections + " connections",
                MSG_PER_S,
                SqliteForm.FILE,
                List.of(),
                SmpLoadDriver.class.getName(),
                scale -> List.of("throughput", "plain", "ed25519", String.valueOf(connections), seconds(scale, 15)));
    }

    private static Row openmsg(int senders) {
        return new Row(
                "openmsg" + senders,
                "Openmsg, " + senders + " senders",
                MSG_PER_S,
                SqliteForm.FILE,
                List.of(),
                OpenmsgLoadDriver.class.getName(),
                scale -> scale == Scale.FULL
                        ? List.of("--concurrency", String.valueOf(senders), "--tls", "true")
                        : List.of(
                                "--concurrency",
                                String.valueOf(senders),
                                "--tls",
                                "true",
                                "--messages",
                                "200",
                                "--warmup",
                                "100"));
    }

    /** A timed driver's seconds: {@code full} at full scale, one for a smoke run. */
    private static String seconds(Scale scale, int full) {
        return String.valueOf(scale == Scale.FULL ? full : 1);
    }

    private static final String USAGE = """
            usage: DurableRatios [--rounds N] [--rows ROW,...] [--scale full|smoke] [--postgres URL]
              --rounds    rounds of every row on every store; the table gives medians (default 3)
              --rows      some of ROWS (default all)
              --scale     full to measure, smoke to check the runner in seconds (default full)
              --postgres  the database, without currentSchema, each PostgreSQL run gets a fresh
                          schema of (default DEFAULT_POSTGRES)""".replace(
                    "ROWS", ROWS.stream().map(Row::name).collect(Collectors.joining(",")))
            .replace("DEFAULT_POSTGRES", DEFAULT_POSTGRES);

    /** One driver run's figures. */
    record Result(double throughput, long jvmMicros, long postgresMicros) {
        long cpuMicros() {
            return jvmMicros + postgresMicros;
        }
    }

    private final List<Row> rows;
    private final int rounds;
    private final Scale scale;
    private final String postgres;
    private final Path work;
    private int runs;

    DurableRatios(List<Row> rows, int rounds, Scale scale, String postgres, Path work) {
        this.rows = rows;
        this.rounds = rounds;
        this.scale = scale;
        this.postgres = postgres;
        this.work = work;
    }

    /**
     * Runs the table and prints it; progress goes to standard error.
     *
     * @param args see the class comment; a failed run ends the command with 1 and its output
     * @throws IOException if the work directory cannot be made
     */
    public static void main(String[] args) throws IOException {
        DriverOptions options =
                DriverOptions.parse("DurableRatios", USAGE, Set.of("rounds", "rows", "scale", "postgres"), args);
        int rounds = options.count("rounds", "3", 1);
        List<Row> rows = new ArrayList<>();
        String wanted = options.get("rows", "");
        for (String name : wanted.isEmpty() ? List.<String>of() : List.of(wanted.split(","))) {
            ROWS.stream()
                    .filter(row -> row.name().equals(name))
                    .findFirst()
                    .ifPresentOrElse(rows::add, () -> options.refuse("--rows has no row " + name));
        }
        if (rows.isEmpty()) {
            rows.addAll(ROWS);
        }
        Scale scale = switch (options.get("scale", "full")) {
            case "full" -> Scale.FULL;
            case "smoke" -> Scale.SMOKE;
            default -> {
                options.refuse("--scale takes full or smoke, not " + options.get("scale", ""));
                yield Scale.FULL;
            }
        };
        String postgres = options.get("postgres", DEFAULT_POSTGRES);
        if (!LoadStore.isPostgres(postgres) || postgres.contains("currentSchema=")) {
            options.refuse("--postgres takes a jdbc:postgresql:// URL without currentSchema, not " + postgres);
        }
        Path work = Files.createTempDirectory("durable-ratios");
        boolean failed = false;
        try {
            Instant start = Instant.now();
            Map<Row, Map<Store, List<Result>>> results =
                    new DurableRatios(rows, rounds, scale, postgres, work).runAll();
            System.out.print(report(results, rounds, start, Instant.now()));
        } catch (RunFailed e) {
            System.err.println("DurableRatios: " + e.getMessage());
            failed = true;
        } finally {
            deleteRecursively(work);
        }
        if (failed) {
            System.exit(1);
        }
    }

    /**
     * Every round of every row on every store, in that nesting: a row's stores run back to back.
     *
     * @return each row's results on each store, a result per round
     */
    Map<Row, Map<Store, List<Result>>> runAll() throws RunFailed {
        Map<Row, Map<Store, List<Result>>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Row row : rows) {
                for (Store store : Store.values()) {
                    Result result = runOnce(row, store);
                    results.computeIfAbsent(row, r -> new LinkedHashMap<>())
                            .computeIfAbsent(store, s -> new ArrayList<>())
                            .add(result);
                    System.err.printf(
                            Locale.ROOT,
                            "round %d/%d %s on %s: %.0f/s, cpu %d + %d us%n",
                            round,
                            rounds,
                            row.name(),
                            store.title,
                            result.throughput(),
                            result.jvmMicros(),
                            result.postgresMicros());
                }
            }
        }
        return results;
    }

    private Result runOnce(Row row, Store store) throws RunFailed {
        String run = "run" + (++runs);
        String schema = "durable_ratios_" + ProcessHandle.current().pid() + "_" + run;
        String url = switch (store) {
            case MEMORY -> "memory:";
            case SQLITE ->
                switch (row.sqlite()) {
                    case FILE -> "sqlite:" + work.resolve(run + ".db");
                    case DIRECTORY -> "sqlite:" + work.resolve(run);
                    case OWN -> "sqlite";
                };
            case POSTGRES -> postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        };
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(row.jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), row.driver()));
        command.addAll(row.arguments().apply(scale));
        command.addAll(List.of("--store", url));
        try {
            return parse(row, run(command));
        } finally {
            if (store == Store.POSTGRES) {
                dropSchemas(schema);
            }
            deleteRecursively(work.resolve(run + ".db"));
            deleteRecursively(work.resolve(run));
        }
    }

    /** Removes a run's SQLite file (with its WAL) or directory. */
    private static void deleteRecursively(Path path) {
        try (var inside = Files.walk(path)) {
            for (Path each : inside.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // this run used no such path
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String suffix : List.of("-wal", "-shm")) {
            try {
                Files.deleteIfExists(path.resolveSibling(path.getFileName() + suffix));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private String run(List<String> command) throws RunFailed {
        Path output = work.resolve("run" + runs + ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean ended = process.waitFor(RUN_LIMIT_MINUTES, TimeUnit.MINUTES);
            if (!ended) {
                process.destroyForcibly();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (!ended || process.exitValue() != 0) {
                throw new RunFailed(String.join(" ", command)
                        + (ended
                                ? " exited with " + process.exitValue()
                                : " ran past " + RUN_LIMIT_MINUTES + " minutes")
                        + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailed("interrupted");
        }
    }

    /** The figures of one run's output; a run that printed no throughput or no CPU line failed. */
    static Result parse(Row row, String output) throws RunFailed {
        Matcher throughput = row.throughput().matcher(output);
        Matcher cpu = CPU.matcher(output);
        if (!throughput.find() || !cpu.find()) {
            throw new RunFailed(row.name() + ": no throughput or no CPU line in the driver's output:\n" + output);
        }
        return new Result(
                Double.parseDouble(throughput.group(1)),
                Long.parseLong(cpu.group(1)),
                cpu.group(2) == null ? 0 : Long.parseLong(cpu.group(2)));
    }

    /** Drops {@code schema} and those the driver derived from it ({@code schema_node}). */
    private void dropSchemas(String schema) throws RunFailed {
        try (Connection c = DriverManager.getConnection(postgres);
                var select = c.prepareStatement(
                        "SELECT nspname FROM pg_namespace WHERE nspname = ? OR starts_with(nspname, ?)")) {
            select.setString(1, schema);
            select.setString(2, schema + "_");
            List<String> found = new ArrayList<>();
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            try (var drop = c.createStatement()) {
                for (String name : found) {
                    drop.execute("DROP SCHEMA \"" + name + "\" CASCADE");
                }
            }
        } catch (SQLException e) {
            throw new RunFailed("cannot drop the run's schema " + schema + ": " + e.getMessage());
        }
    }

    /** The table of {@code results}, in Markdown. */
    static String report(Map<Row, Map<Store, List<Result>>> results, int rounds, Instant start, Instant end) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Durable stores against memory: %s to %s, JDK %s, %d cores, %d round(s), medians%n%n",
                start,
                end,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                rounds));
        out.append(
                "| row | memory | SQLite | PostgreSQL | SQLite / memory | PostgreSQL / memory |"
                        + " CPU µs per message, memory / SQLite / PostgreSQL (JVM + database) | CPU ceiling SQLite / PostgreSQL |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<Row, Map<Store, List<Result>>> entry : results.entrySet()) {
            Row row = entry.getKey();
            Map<Store, List<Result>> byStore = entry.getValue();
            double memory = median(byStore.get(Store.MEMORY), Result::throughput);
            double sqlite = median(byStore.get(Store.SQLITE), Result::throughput);
            double pg = median(byStore.get(Store.POSTGRES), Result::throughput);
            double memoryCpu = median(byStore.get(Store.MEMORY), r -> r.cpuMicros());
            double sqliteCpu = median(byStore.get(Store.SQLITE), r -> r.cpuMicros());
            double pgJvm = median(byStore.get(Store.POSTGRES), r -> r.jvmMicros());
            double pgDatabase = median(byStore.get(Store.POSTGRES), r -> r.postgresMicros());
            double pgCpu = median(byStore.get(Store.POSTGRES), r -> r.cpuMicros());
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %.0f %% | %.0f %% | %.0f / %.0f / %.0f + %.0f | %.0f %% / %.0f %% |%n",
                    row.title(),
                    rounds(byStore.get(Store.MEMORY)),
                    rounds(byStore.get(Store.SQLITE)),
                    rounds(byStore.get(Store.POSTGRES)),
                    100 * sqlite / memory,
                    100 * pg / memory,
                    memoryCpu,
                    sqliteCpu,
                    pgJvm,
                    pgDatabase,
                    100 * memoryCpu / sqliteCpu,
                    100 * memoryCpu / pgCpu));
        }
        return out.toString();
    }

    /** The median throughput, and every round's in parentheses when there are several. */
    private static String rounds(List<Result> results) {
        String median = String.format(Locale.ROOT, "%,.0f", median(results, Result::throughput));
        if (results.size() == 1) {
            return median;
        }
        return median
                + results.stream()
                        .map(r -> String.format(Locale.ROOT, "%,.0f", r.throughput()))
                        .collect(Collectors.joining(" / ", " (", ")"));
    }

    private static double median(List<Result> results, ToDoubleFunction<Result> figure) {
        double[] values = results.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** A driver run that failed, with its output. */
    static final class RunFailed extends Exception {
        RunFailed(String message) {
            super(message);
        }
    }
}
