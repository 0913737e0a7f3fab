package dev.missive.cli.log;

import dev.missive.cli.JsonLines;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * Levels and format of the CLI's log on stderr (stdout carries command output only). Missive's own
 * loggers ({@code dev.missive.*}) log at the chosen level; libraries (HikariCP, Flyway, drivers) at
 * WARN, or ERROR when that is the chosen level. Until a server sets them, everything logs at WARN.
 */
public final class CliLog {

    /** How entries are written. */
    public enum Format {
        /** {@code <instant> <LEVEL> <logger> - <message>}, a failure's stack trace after it. */
        text,
        /** One JSON object per line: {@code time}, {@code level}, {@code logger}, {@code message}, {@code error}. */
        json
    }

    private static volatile Level missiveLevel = Level.WARN;
    private static volatile Level libraryLevel = Level.WARN;
    private static volatile Format format = Format.text;

    private CliLog() {}

    /**
     * Sets the level of Missive's loggers (libraries stay at WARN unless {@code level} is ERROR) and the format.
     *
     * @param level the lowest level logged for Missive's loggers
     * @param entries text lines or JSON objects
     */
    public static void configure(Level level, Format entries) {
        missiveLevel = level;
        libraryLevel = level == Level.ERROR ? Level.ERROR : Level.WARN;
        format = entries;
    }

    static boolean enabled(String logger, Level level) {
        Level threshold = logger.startsWith("dev.missive.") ? missiveLevel : libraryLevel;
        // SLF4J numbers levels from TRACE (0) up to ERROR (40).
        return level.toInt() >= threshold.toInt();
    }

    static void write(Level level, String logger, String message, Throwable error) {
        String line = format == Format.json ? json(level, logger, message, error) : text(level, logger, message, error);
        PrintStream err = System.err;
        synchronized (err) {
            err.print(line);
            err.flush();
        }
    }

    private static String text(Level level, String logger, String message, Throwable error) {
        StringBuilder line = new StringBuilder()
                .append(Instant.now())
                .append(' ')
                .append(level)
                .append(' ')
                .append(logger)
                .append(" - ")
                .append(message)
                .append(System.lineSeparator());
        if (error != null) {
            line.append(stackTrace(error));
        }
        return line.toString();
    }

    private static String json(Level level, String logger, String message, Throwable error) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        entry.put("level", level.toString());
        entry.put("logger", logger);
        entry.put("message", message);
        if (error != null) {
            entry.put("error", stackTrace(error));
        }
        return JsonLines.of(entry) + System.lineSeparator();
    }

    private static String stackTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
