package dev.missive.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * What {@code missive demo} gives one {@link DemoScenario}: the data directory, the transcript (each
 * step printed as it passes or fails) and the resources to close when the scenario ends.
 */
public final class DemoContext implements AutoCloseable {

    /** A demo step: returns the line to print after its name, or throws to fail the demo. */
    @FunctionalInterface
    public interface Step {
        /**
         * Does the step's work.
         *
         * @return the line printed after the step's name
         * @throws Exception anything: the step and the demo fail with its message
         */
        String run() throws Exception;
    }

    /** A step that threw: the demo stops there. */
    static final class StepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String step;

        StepFailure(String step, Exception cause) {
            super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
            this.step = step;
        }

        /** {@code <scenario>: <step name>}. */
        String step() {
            return step;
        }
    }

    private final String scenario;
    private final Path data;
    private final PrintWriter out;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private int passed;

    DemoContext(String scenario, Path data, PrintWriter out) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.data = Objects.requireNonNull(data, "data");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * The directory for the scenario's stores (kept after the demo with {@code --data}).
     *
     * @return the scenario's store directory, which exists
     */
    public Path data() {
        return data;
    }

    /**
     * Runs {@code step} and prints {@code [scenario] ok  name: <its result>}, or
     * {@code [scenario] FAILED name} and ends the demo if it throws.
     *
     * @param name what the step does, as the transcript shows it
     * @param step the work; it returns the result line or throws
     */
    public void step(String name, Step step) {
        String result;
        try {
            result = step.run();
        } catch (Exception e) {
            out.println("[" + scenario + "] FAILED " + name);
            out.flush();
            throw new StepFailure(scenario + ": " + name, e);
        }
        passed++;
        out.println("[" + scenario + "] ok  " + name + ": " + result);
        out.flush();
    }

    /**
     * Closes {@code resource} when the scenario ends, after every resource registered later.
     *
     * @param <T> the resource's type
     * @param resource what to close at the end of the scenario
     * @return {@code resource}, to use inline
     */
    public <T extends AutoCloseable> T closeAtEnd(T resource) {
        resources.push(Objects.requireNonNull(resource, "resource"));
        return resource;
    }

    /** How many steps passed. */
    int passed() {
        return passed;
    }

    /** Closes the registered resources, newest first; the first failure is thrown after all tried. */
    @Override
    public void close() throws Exception {
        Exception failure = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
