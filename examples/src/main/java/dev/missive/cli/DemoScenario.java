package dev.missive.cli;

/**
 * One protocol's part of {@code missive demo}: it starts what it needs on loopback, on stores under
 * {@link DemoContext#data()}, and runs the protocol end to end as {@link DemoContext#step steps}.
 * A new protocol adds one implementation and one line in {@link DemoCommand#SCENARIOS}.
 */
public interface DemoScenario {

    /**
     * The short label in front of each transcript line, e.g. {@code openmsg}.
     *
     * @return the label, lower case
     */
    String name();

    /**
     * The heading of the scenario's part of the transcript.
     *
     * @return the heading, one line
     */
    String title();

    /**
     * Runs the scenario. A failed step ends it; resources given to {@link DemoContext#closeAtEnd}
     * are closed afterwards either way.
     *
     * @param demo where the scenario keeps its stores and prints its steps
     * @throws Exception if the scenario cannot run; the demo reports it and fails
     */
    void run(DemoContext demo) throws Exception;
}
