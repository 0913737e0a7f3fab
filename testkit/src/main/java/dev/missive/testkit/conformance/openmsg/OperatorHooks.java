package dev.missive.testkit.conformance.openmsg;

import dev.missive.testkit.conformance.Verdict;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What drives the target's operator side: issue a pass code, connect, send, read the inbox. The CLI
 * uses {@link ShellHooks} (command templates); a test can drive an in-process node with
 * {@link #of(Map)}. A check that needs an operation the hooks do not support is skipped.
 *
 * <p>The values passed to {@link #run}: {@code user} (the target user's address), {@code user_id},
 * {@code peer} (the suite's own user address), and for some operations {@code pass_code} and
 * {@code text} (letters, digits and dashes only).
 */
public interface OperatorHooks {

    /** The operator actions the suite may need. */
    enum Operation {
        /** Issue a pass code for {@code user}; the output holds it (the first six-digit word counts). */
        PASS_CODE,
        /** Make {@code user} connect to {@code peer} with {@code pass_code}. */
        CONNECT,
        /** Make {@code user} send {@code text} to {@code peer}. */
        SEND,
        /** Print {@code user}'s inbox; message texts must appear verbatim in the output. */
        INBOX
    }

    /** One operation in Java. */
    @FunctionalInterface
    interface Action {

        /**
         * Performs the operation.
         *
         * @param values the placeholders' values
         * @return the output the suite reads
         * @throws Exception if the operation failed (the check fails with its message)
         */
        String run(Map<String, String> values) throws Exception;
    }

    /**
     * Whether {@code operation} can run.
     *
     * @param operation the operation
     * @return true when supported
     */
    boolean supports(Operation operation);

    /**
     * Runs {@code operation}.
     *
     * @param operation the operation
     * @param values    the placeholders' values
     * @return its output
     * @throws Exception if it failed
     */
    String run(Operation operation, Map<String, String> values) throws Exception;

    /**
     * No hooks: only the checks that need none run.
     *
     * @return hooks that support nothing
     */
    static OperatorHooks none() {
        return of(Map.of());
    }

    /**
     * Hooks made of Java actions (for tests against an in-process node).
     *
     * @param actions the action of each supported operation
     * @return the hooks
     */
    static OperatorHooks of(Map<Operation, Action> actions) {
        Map<Operation, Action> copy = actions.isEmpty() ? Map.of() : new EnumMap<>(actions);
        return new OperatorHooks() {
            @Override
            public boolean supports(Operation operation) {
                return copy.containsKey(operation);
            }

            @Override
            public String run(Operation operation, Map<String, String> values) throws Exception {
                Action action = copy.get(Objects.requireNonNull(operation, "operation"));
                if (action == null) {
                    throw Verdict.skip("no hook for " + operation);
                }
                return action.run(values);
            }
        };
    }
}
