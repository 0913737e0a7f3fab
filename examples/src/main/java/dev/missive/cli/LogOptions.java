package dev.missive.cli;

import dev.missive.cli.log.CliLog;
import org.slf4j.event.Level;
import picocli.CommandLine.Option;

/**
 * {@code --log-level} and {@code --log-format} of every server command: the server logs its start,
 * every request's or connection's outcome (INFO, never a secret), failures with their cause (WARN)
 * and its stop, on stderr.
 */
public final class LogOptions {

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            defaultValue = "INFO",
            description = "ERROR, WARN, INFO, DEBUG or TRACE for Missive's own log (default: ${DEFAULT-VALUE}).")
    private Level level;

    @Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text or json, one entry per line on stderr (default: ${DEFAULT-VALUE}).")
    private CliLog.Format format;

    /** Picocli instantiates the mixin. */
    public LogOptions() {}

    /** Applies the options; call first thing in the command. */
    public void apply() {
        CliLog.configure(level, format);
    }
}
