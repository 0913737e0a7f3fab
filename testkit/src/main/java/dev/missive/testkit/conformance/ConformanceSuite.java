package dev.missive.testkit.conformance;

import java.util.List;

/**
 * The checks of one protocol against one target: one class per protocol ({@code SmpConformanceSuite},
 * {@code OpenmsgConformanceSuite}, and the later protocols'). A suite holds the state its checks
 * share (queues created, a connection established); checks run in list order, and a check whose
 * prerequisite failed ends with {@link Verdict#skip}. {@link #close()} releases what the suite
 * opened (sockets, a listening peer).
 */
public interface ConformanceSuite extends AutoCloseable {

    /**
     * The protocol's name as used on the command line, e.g. {@code smp}.
     *
     * @return the protocol name
     */
    String protocol();

    /**
     * The target under test, for the report, e.g. {@code 127.0.0.1:5223 (plain)}.
     *
     * @return a description of the target
     */
    String target();

    /**
     * The checks, in the order they run.
     *
     * @return the checks
     */
    List<Check> checks();

    /** Releases what the suite opened; by default nothing. */
    @Override
    default void close() {}
}
