package dev.missive.bench;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.StoreUrl;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The store a load driver runs on, opened from a store URL ({@code memory:}, {@code sqlite:PATH},
 * {@code jdbc:postgresql://...}), and the CPU a run costs: this JVM's process CPU time
 * ({@code OperatingSystemMXBean}) and, for PostgreSQL, the summed user+system time of every
 * {@code postgres} process on this machine read from {@code /proc/<pid>/stat} before and after (so
 * the database must run on this machine, and other load on it counts too).
 */
public final class LoadStore implements AutoCloseable {

    /** The store URL forms, for usage messages. */
    public static final String URL_FORMS = "memory: | sqlite:PATH[?synchronous=full|normal] | jdbc:postgresql://...";

    /** Linux's USER_HZ: /proc reports CPU times in these ticks. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final StoreUrl url;
    private final Database database;

    private LoadStore(StoreUrl url, Database database) {
        this.url = url;
        this.database = database;
    }

    /**
     * The store of one of several servers a driver runs, each on its own: {@code memory:} stays as
     * it is, {@code sqlite:DIR} becomes the file {@code DIR/<node>.db}, and a PostgreSQL URL gets the
     * schema {@code <S>_<node>}, where {@code S} is its {@code currentSchema} (give a fresh one) or
     * {@code bench}.
     *
     * @param url the store URL given to the driver
     * @param node the server's name: letters, digits, {@code _} and {@code .}
     * @return the URL of that server's store
     */
    public static String nodeUrl(String url, String node) {
        return switch (StoreUrl.parse(url)) {
            case StoreUrl.Memory memory -> url;
            case StoreUrl.Sqlite sqlite ->
                "sqlite:" + sqlite.path().resolve(node + ".db")
                        + (url.contains("?") ? url.substring(url.indexOf('?')) : "");
            case StoreUrl.Postgres postgres -> {
                String schema = postgres.currentSchema().orElse("bench") + "_" + node.replace('.', '_');
                yield postgres.currentSchema().isPresent()
                        ? url.replace(
                                "currentSchema=" + postgres.currentSchema().get(), "currentSchema=" + schema)
                        : url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            }
        };
    }

    /**
     * Opens the store of {@code text}; an SQLite file that exists is deleted first (with its WAL),
     * so every run starts empty.
     *
     * @throws dev.missive.jdbc.StoreUrlException if the URL is malformed
     */
    public static LoadStore open(String text) throws IOException {
        StoreUrl url = StoreUrl.parse(text);
        return switch (url) {
            case StoreUrl.Memory memory -> new LoadStore(url, null);
            case StoreUrl.Sqlite sqlite -> {
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(sqlite.path() + suffix));
                }
                yield new LoadStore(url, Database.open(url));
            }
            case StoreUrl.Postgres postgres -> new LoadStore(url, Database.open(url));
        };
    }

    /** The parsed URL (passwords hidden by its {@code toString()}). */
    public StoreUrl url() {
        return url;
    }

    /** The database, or empty for {@code memory:}. */
    public Optional<Database> database() {
        return Optional.ofNullable(database);
    }

    /** CPU consumed so far: by this JVM, and by PostgreSQL's processes (0 unless the store is PostgreSQL). */
    public CpuSample cpu() {
        return CpuSample.now(url instanceof StoreUrl.Postgres);
    }

    /**
     * Whether {@code text} is a PostgreSQL store URL, so a run on it measures the database's CPU too.
     *
     * @param text a store URL, or a driver's own store word such as {@code sqlite}
     * @return true for {@code jdbc:postgresql://...}
     */
    public static boolean isPostgres(String text) {
        return text.startsWith("jdbc:postgresql:");
    }

    /** Describes the CPU and commit cost of {@code messages} between two samples. */
    public String costLine(CpuSample before, CpuSample after, long messages, Database.WriteCounts writesBefore) {
        String cpu = after.perMessageSince(before, messages);
        return database == null ? cpu : cpu + writesPerMessage(writesBefore, database.writeCounts(), messages);
    }

    /**
     * The writes and commits per message between two readings of the write counters: {@code ;
     * writes per message=N commits per message=N}.
     *
     * @param before the earlier reading
     * @param after the later reading
     * @param messages the messages handled in between
     * @return the text, to append to a {@link CpuSample#perMessageSince} line
     */
    public static String writesPerMessage(Database.WriteCounts before, Database.WriteCounts after, long messages) {
        return String.format(
                "; writes per message=%.2f commits per message=%.2f",
                (after.units() - before.units()) / (double) messages,
                (after.commits() - before.commits()) / (double) messages);
    }

    /** The write counters now ({@code 0, 0} for memory). */
    public Database.WriteCounts writeCounts() {
        return database == null ? new Database.WriteCounts(0, 0) : database.writeCounts();
    }

    private static long postgresCpuNanos() {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes
                    .filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                ticks += postgresTicks(process.resolve("stat"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    private static long postgresTicks(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return 0; // the process ended while we looked
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || !line.substring(open + 1, close).equals("postgres")) {
            return 0;
        }
        // Fields after the command: state is field 3, utime field 14, stime field 15.
        String[] fields = line.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }

    /**
     * CPU time consumed up to one instant.
     *
     * @param jvmNanos this JVM's process CPU time
     * @param postgresNanos the PostgreSQL processes' CPU time
     * @param withPostgres whether PostgreSQL's CPU was measured (the store is PostgreSQL)
     */
    public record CpuSample(long jvmNanos, long postgresNanos, boolean withPostgres) {

        /**
         * The CPU consumed so far.
         *
         * @param withPostgres whether to read PostgreSQL's processes too (drivers on several stores
         *     pass whether their store URL is PostgreSQL)
         * @return the sample
         */
        public static CpuSample now(boolean withPostgres) {
            long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new CpuSample(jvm, withPostgres ? postgresCpuNanos() : 0, withPostgres);
        }

        /**
         * The CPU per message between {@code before} and this sample: {@code cpu per message:
         * jvm=N us}, and {@code postgres=N us} when PostgreSQL was measured.
         *
         * @param before the earlier sample
         * @param messages the messages handled in between
         * @return the line
         */
        public String perMessageSince(CpuSample before, long messages) {
            StringBuilder line = new StringBuilder(
                    String.format("cpu per message: jvm=%.0f us", (jvmNanos - before.jvmNanos) / 1e3 / messages));
            if (withPostgres) {
                line.append(String.format(
                        " postgres=%.0f us (summed /proc/<pid>/stat of postgres processes)",
                        (postgresNanos - before.postgresNanos) / 1e3 / messages));
            }
            return line.toString();
        }
    }
}
