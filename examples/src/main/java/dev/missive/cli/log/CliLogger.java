package dev.missive.cli.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One named logger of {@link CliLogProvider}: asks {@link CliLog} whether a level is on and writes through it. */
final class CliLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CliLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return CliLog.enabled(name, Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return CliLog.enabled(name, Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return CliLog.enabled(name, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return CliLog.enabled(name, Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return CliLog.enabled(name, Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        CliLog.write(level, name, MessageFormatter.basicArrayFormat(pattern, arguments), throwable);
    }
}
