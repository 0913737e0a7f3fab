package dev.missive.cli.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The CLI's SLF4J backend, found through {@code META-INF/services}: every logger writes one line
 * per entry to stderr, as text or JSON, at the levels {@link CliLog} sets. It lives in the CLI jar
 * only; the SDK's modules log through {@code slf4j-api} and leave the backend to their host.
 */
public final class CliLogProvider implements SLF4JServiceProvider {

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** SLF4J instantiates the provider. */
    public CliLogProvider() {}

    @Override
    public ILoggerFactory getLoggerFactory() {
        return CliLogger::new;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // Nothing to load: CliLog holds the levels and the format.
    }
}
