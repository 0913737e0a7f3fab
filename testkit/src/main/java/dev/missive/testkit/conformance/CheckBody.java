package dev.missive.testkit.conformance;

/**
 * What a check does. Returning normally is a pass; {@link Verdict#fail} and {@link Verdict#skip}
 * (or their exceptions) end it with that status, and any other exception is a failure whose reason
 * is the exception's description.
 */
@FunctionalInterface
public interface CheckBody {

    /**
     * Runs the check against the target.
     *
     * @throws Exception any failure; see the type's description for how it is reported
     */
    void run() throws Exception;
}
