package dev.missive.testkit.conformance;

/** Told about each check as the runner goes (the CLI prints {@code [n/N]} lines on stderr). */
public interface ProgressListener {

    /** Tells nobody. */
    ProgressListener NONE = new ProgressListener() {};

    /**
     * A check is about to run.
     *
     * @param number its position, from 1
     * @param total  how many checks the suite has
     * @param check  the check
     */
    default void started(int number, int total, Check check) {}

    /**
     * A check has finished.
     *
     * @param number its position, from 1
     * @param total  how many checks the suite has
     * @param result what it found
     */
    default void finished(int number, int total, CheckResult result) {}
}
