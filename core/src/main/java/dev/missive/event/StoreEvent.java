package dev.missive.event;

import java.time.Instant;
import java.util.Objects;

/** What a store did that a host may want to see: conflicts it retried, and failures. */
public sealed interface StoreEvent extends MissiveEvent {

    /**
     * A transaction conflicted with another one (another thread or instance) and is run again.
     *
     * @param protocol the short name of the protocol whose store it is
     * @param at when the conflict was seen
     * @param operation the store operation, e.g. {@code "usePassCode"}
     * @param attempt the attempt that conflicted, counted from 1
     */
    record Retried(String protocol, Instant at, String operation, int attempt) implements StoreEvent {
        /** Checks the components. */
        public Retried {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(operation, "operation");
        }
    }

    /**
     * An operation failed; {@code detail} names the exception type and SQL state, never values.
     *
     * @param protocol the short name of the protocol whose store it is
     * @param at when the operation failed
     * @param operation the store operation, e.g. {@code "usePassCode"}
     * @param detail the exception type and SQL state
     */
    record Failed(String protocol, Instant at, String operation, String detail) implements StoreEvent {
        /** Checks the components. */
        public Failed {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
