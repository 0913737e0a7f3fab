package dev.missive.bench;

import dev.missive.bench.mesh.MeshSendBench;
import dev.missive.bench.openmsg.OpenmsgLoadDriver;
import dev.missive.bench.osms.OsmsLoadDriver;
import dev.missive.jdbc.StoreUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Issue 9's table in one command: every protocol's load driver on {@code memory:}, SQLite and
 * PostgreSQL at the same concurrency, the three stores of a row back to back, for several rounds;
 * then per row the median throughput on each store, the median of the rounds' ratios to memory, the
 * CPU per message of the JVM and of PostgreSQL, and the CPU ceiling: the machine's cores divided by
 * the durable run's CPU per message, over memory's throughput, the ratio no scheduling of the same
 * work on these cores can pass.
 *
 * <p>Each run is a JVM of its own, started with this JVM's {@code java} and class path, so no run
 * inherits another's compiled code or heap. Each SQLite run gets a fresh directory and each
 * PostgreSQL run a fresh schema, both removed afterwards with what the driver derived from them.
 * Each round starts on a different store, so none always runs first on a cold machine.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.missive.bench.DurableRatios \
 *     [--rounds 3] [--rows smp8,openmsg8,...] [--scale full|smoke] [--postgres URL]
 * </pre>
 */
public final class DurableRatios {

    private static final String DEFAULT_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final Pattern CPU = Pattern.compile("cpu per message: jvm=(\\d+) us(?: postgres=(\\d+) us)?");
    private static final Pattern MSG_PER_S = Pattern.compile("throughput=(\\d+) msg/s");

    /** How long one driver run may take before it counts as failed. */
    private static final long RUN_LIMIT_MINUTES = 10;

    /** The drivers print decimals in their default locale; this one reads them with a point. */
    private static final List<String> DRIVER_LOCALE = List.of("-Duser.language=en", "-Duser.country=US");

    /** The stores every row runs on. */
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

    /** How a driver takes a fresh SQLite store in a directory {@code DIR}. */
    enum SqliteForm {
        /** {@code sqlite:DIR/store.db}: the driver's one file. */
        FILE,
        /** {@code sqlite:DIR}: the driver makes a file per node in it. */
        DIRECTORY
    }

    /**
     * One line of the table: a driver and its arguments at one concurrency.
     *
     * @param name the row's name on the command line
     * @param title the row's name in the table
     * @param throughput finds the driver's throughput in its output (group 1)
     * @param sqlite how the driver takes a fresh SQLite store
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
                    SqliteForm.DIRECTORY,
                    List.of("-Xmx1g"),
                    MeshSendBench.class.getName(),
                    // Smoke: enough packets for PostgreSQL's CPU to show in /proc's 10 ms ticks.
                    scale -> List.of("--packets", scale == Scale.FULL ? "3000" : "1000")));

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
        List<String> common = List.of("--concurrency", String.valueOf(senders), "--tls", "true");
        List<String> smoke = List.of("--messages", "200", "--warmup", "100");
        return new Row(
                "openmsg" + senders,
                "Openmsg, " + senders + " senders",
                MSG_PER_S,
                SqliteForm.FILE,
                List.of(),
                OpenmsgLoadDriver.class.getName(),
                scale -> scale == Scale.FULL
                        ? common
                        : Stream.concat(common.stream(), smoke.stream()).toList());
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
              --postgres  the PostgreSQL database to run in, a URL without currentSchema: each
                          run gets a fresh schema in it (default DEFAULT_POSTGRES)""".replace(
                    "ROWS", ROWS.stream().map(Row::name).collect(Collectors.joining(",")))
            .replace("DEFAULT_POSTGRES", DEFAULT_POSTGRES);

    /** One driver run's figures; the database's CPU is 0 on memory and SQLite. */
    record Result(double throughput, long jvmMicros, long postgresMicros) {
        long cpuMicros() {
            return jvmMicros + postgresMicros;
        }
    }

    /** The driver JVM running now, stopped if this command is stopped (Ctrl-C). */
    private static volatile Process running;

    private final List<Row> rows;
    private final int rounds;
    private final Scale scale;
    private final String postgres;
    private final Path work;
    private int runs;

    /**
     * @param postgres the PostgreSQL URL; each run's schema is named after its {@code currentSchema}
     *     if it has one ({@link LoadStore#nodeUrl}), as a test's is
     * @param work where the runs' SQLite stores and outputs go
     */
    DurableRatios(List<Row> rows, int rounds, Scale scale, String postgres, Path work) {
        this.rows = rows;
        this.rounds = rounds;
        this.scale = scale;
        this.postgres = postgres;
        this.work = work;
    }

    /**
     * Runs the table and prints it; progress goes to standard error. A failed run ends the command
     * with 1 and the run's output; bad arguments end it with 2.
     *
     * @param args see the class comment
     * @throws IOException if the work directory cannot be made
     */
    public static void main(String[] args) throws IOException {
        DriverOptions options =
                DriverOptions.parse("DurableRatios", USAGE, Set.of("rounds", "rows", "scale", "postgres"), args);
        int rounds = options.count("rounds", "3", 1);
        List<Row> rows = chosenRows(options);
        Scale scale = switch (options.get("scale", "full")) {
            case "full" -> Scale.FULL;
            case "smoke" -> Scale.SMOKE;
            default -> {
                options.refuse("--scale takes full or smoke, not " + options.get("scale", ""));
                yield Scale.FULL;
            }
        };
        String postgres = options.get("postgres", DEFAULT_POSTGRES);
        checkPostgres(options, postgres);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process driver = running;
            if (driver != null) {
                driver.destroyForcibly();
            }
        }));
        boolean failed = false;
        try (ScratchDirectory work = ScratchDirectory.create("durable-ratios")) {
            Instant start = Instant.now();
            Map<Row, Map<Store, List<Result>>> results =
                    new DurableRatios(rows, rounds, scale, postgres, work.path()).runAll();
            System.out.print(report(results, Runtime.getRuntime().availableProcessors(), start, Instant.now()));
        } catch (RunFailed e) {
            System.err.println("DurableRatios: " + e.getMessage());
            failed = true;
        }
        if (failed) {
            System.exit(1);
        }
    }

    /** The rows of {@code --rows}, each once, or all of them. */
    private static List<Row> chosenRows(DriverOptions options) {
        String wanted = options.get("rows", "");
        if (wanted.isEmpty()) {
            return ROWS;
        }
        List<Row> rows = new ArrayList<>();
        for (String name : wanted.split(",", -1)) {
            Row row =
                    ROWS.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
            if (row == null || rows.contains(row)) {
                options.refuse(
                        "--rows takes each of " + ROWS.stream().map(Row::name).toList() + " once, not " + wanted);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Refuses a URL that is not PostgreSQL's or names a schema, and one that cannot be reached. */
    private static void checkPostgres(DriverOptions options, String url) {
        StoreUrl parsed = null;
        try {
            parsed = StoreUrl.parse(url);
        } catch (IllegalArgumentException e) {
            options.refuse("--postgres: " + e.getMessage());
        }
        if (!(parsed instanceof StoreUrl.Postgres postgres)
                || postgres.currentSchema().isPresent()) {
            options.refuse("--postgres takes a jdbc:postgresql:// URL without currentSchema, not " + parsed);
            return;
        }
        try (Connection c = DriverManager.getConnection(url)) {
            c.isValid(5);
        } catch (SQLException e) {
            options.refuse("--postgres: cannot connect to " + parsed + ": " + e.getMessage());
        }
    }

    /**
     * Every round of every row on every store, a row's stores back to back, round {@code r} starting
     * on store {@code r mod 3}.
     *
     * @return each row's results on each store, one per round in round order
     */
    Map<Row, Map<Store, List<Result>>> runAll() throws RunFailed {
        Map<Row, Map<Store, List<Result>>> results = new LinkedHashMap<>();
        Store[] stores = Store.values();
        for (int round = 0; round < rounds; round++) {
            for (Row row : rows) {
                for (int i = 0; i < stores.length; i++) {
                    Store store = stores[(round + i) % stores.length];
                    Result result = runOnce(row, store);
                    results.computeIfAbsent(row, r -> new EnumMap<>(Store.class))
                            .computeIfAbsent(store, s -> new ArrayList<>())
                            .add(result);
                    System.err.printf(
                            Locale.ROOT,
                            "round %d/%d %s on %s: %.0f/s, cpu %d + %d us%n",
                            round + 1,
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
        String name = "run" + (++runs);
        Path sqliteDirectory = work.resolve(name);
        String url = switch (store) {
            case MEMORY -> "memory:";
            case SQLITE ->
                switch (row.sqlite()) {
                    case FILE -> "sqlite:" + sqliteDirectory.resolve("store.db");
                    case DIRECTORY -> "sqlite:" + sqliteDirectory;
                };
            // nodeUrl names the schema bench_<node>; the drivers derive theirs from it the same way.
            case POSTGRES ->
                LoadStore.nodeUrl(
                        postgres, "durable_ratios_" + ProcessHandle.current().pid() + "_" + name);
        };
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(DRIVER_LOCALE);
        command.addAll(row.jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), row.driver()));
        command.addAll(row.arguments().apply(scale));
        command.addAll(List.of("--store", url));
        try {
            return parse(
                    row,
                    execute(
                            command,
                            work.resolve(name + ".out"),
                            StoreUrl.parse(url).toString()));
        } finally {
            removeStore(store, url, sqliteDirectory);
        }
    }

    /**
     * Runs one driver JVM to its end and returns its output.
     *
     * @param shownUrl the store URL as error messages may show it (without a password)
     */
    private static String execute(List<String> command, Path output, String shownUrl) throws RunFailed {
        String shown = String.join(" ", command.subList(0, command.size() - 1)) + " " + shownUrl;
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            running = process;
            boolean ended;
            try {
                ended = process.waitFor(RUN_LIMIT_MINUTES, TimeUnit.MINUTES);
                if (!ended) {
                    process.destroyForcibly().waitFor();
                }
            } finally {
                running = null;
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (!ended || process.exitValue() != 0) {
                throw new RunFailed(shown
                        + (ended
                                ? " exited with " + process.exitValue()
                                : " ran past " + RUN_LIMIT_MINUTES + " minutes")
                        + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new RunFailed(shown + ": " + e.getMessage());
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

    /**
     * Removes a run's SQLite directory, or its PostgreSQL schema with those the driver derived from
     * it ({@code schema_node}). A failure is reported and the table goes on: it does not change the
     * run's figures.
     */
    private static void removeStore(Store store, String url, Path sqliteDirectory) {
        try {
            ScratchDirectory.delete(sqliteDirectory);
            if (store == Store.POSTGRES) {
                dropSchemas(url);
            }
        } catch (RuntimeException | SQLException e) {
            System.err.println("DurableRatios: could not remove the store of " + StoreUrl.parse(url) + ": " + e);
        }
    }

    private static void dropSchemas(String url) throws SQLException {
        String schema =
                ((StoreUrl.Postgres) StoreUrl.parse(url)).currentSchema().orElseThrow();
        try (Connection c = DriverManager.getConnection(url);
                var select = c.prepareStatement(
                        "SELECT nspname FROM pg_namespace WHERE nspname = ? OR starts_with(nspname, ?)")) {
            select.setString(1, schema);
            select.setString(2, schema + "_");
            List<String> found = new ArrayList<>();
            try (var names = select.executeQuery()) {
                while (names.next()) {
                    found.add(names.getString(1));
                }
            }
            try (var drop = c.createStatement()) {
                for (String name : found) {
                    drop.execute("DROP SCHEMA \"" + name + "\" CASCADE");
                }
            }
        }
    }

    /**
     * The table of {@code results}, in Markdown: the throughput columns give each store's median
     * and every round's; the ratios and ceilings are medians of the rounds' own.
     *
     * @param cores the cores the runs shared, for the ceiling
     */
    static String report(Map<Row, Map<Store, List<Result>>> results, int cores, Instant start, Instant end) {
        StringBuilder out = new StringBuilder();
        int rounds = results.values().stream()
                .findFirst()
                .map(byStore -> byStore.get(Store.MEMORY).size())
                .orElse(0);
        out.append(String.format(
                Locale.ROOT,
                "Durable stores against memory: %s to %s, JDK %s, %d cores, %d round(s)%n%n",
                start,
                end,
                Runtime.version(),
                cores,
                rounds));
        out.append(
                "| row | memory | SQLite | PostgreSQL | SQLite / memory | PostgreSQL / memory |"
                        + " CPU µs per message: memory, SQLite, PostgreSQL (JVM + database) | CPU ceiling SQLite / PostgreSQL |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        results.forEach((row, byStore) -> {
            List<Result> memory = byStore.get(Store.MEMORY);
            List<Result> sqlite = byStore.get(Store.SQLITE);
            List<Result> pg = byStore.get(Store.POSTGRES);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %.0f %% | %.0f %% | %.0f, %.0f, %.0f + %.0f | %.0f %% / %.0f %% |%n",
                    row.title(),
                    throughputs(memory),
                    throughputs(sqlite),
                    throughputs(pg),
                    100 * medianOfRounds(memory, sqlite, (m, d) -> d.throughput() / m.throughput()),
                    100 * medianOfRounds(memory, pg, (m, d) -> d.throughput() / m.throughput()),
                    median(memory.stream().mapToDouble(Result::cpuMicros)),
                    median(sqlite.stream().mapToDouble(Result::cpuMicros)),
                    median(pg.stream().mapToDouble(Result::jvmMicros)),
                    median(pg.stream().mapToDouble(Result::postgresMicros)),
                    100 * medianOfRounds(memory, sqlite, (m, d) -> ceiling(cores, m, d)),
                    100 * medianOfRounds(memory, pg, (m, d) -> ceiling(cores, m, d))));
        });
        return out.toString();
    }

    /** The most a durable run's throughput can be against memory's when its CPU fills every core. */
    private static double ceiling(int cores, Result memory, Result durable) {
        double mostPerSecond = cores * 1e6 / durable.cpuMicros();
        return mostPerSecond / memory.throughput();
    }

    /** The median throughput, and every round's in parentheses when there are several. */
    private static String throughputs(List<Result> results) {
        String median =
                String.format(Locale.ROOT, "%,.0f", median(results.stream().mapToDouble(Result::throughput)));
        if (results.size() == 1) {
            return median;
        }
        return median
                + results.stream()
                        .map(r -> String.format(Locale.ROOT, "%,.0f", r.throughput()))
                        .collect(Collectors.joining(" / ", " (", ")"));
    }

    /** The median over rounds of {@code figure} of a round's memory and durable results. */
    private static double medianOfRounds(
            List<Result> memory, List<Result> durable, ToDoubleBiFunction<Result, Result> figure) {
        return median(IntStream.range(0, memory.size())
                .mapToDouble(i -> figure.applyAsDouble(memory.get(i), durable.get(i))));
    }

    private static double median(DoubleStream figures) {
        double[] values = figures.sorted().toArray();
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
