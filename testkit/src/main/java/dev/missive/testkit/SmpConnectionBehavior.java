package dev.missive.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link SmpTestServer} treats one accepted connection: serve it with its real engine, or
 * misbehave on purpose. Enqueue one per connection with {@link SmpTestServer#enqueue}; connections
 * without one are served.
 */
public sealed interface SmpConnectionBehavior {

    /** The engine serves the connection. */
    record Serve() implements SmpConnectionBehavior {}

    /** The connection is closed right after it is accepted, before any greeting. */
    record Refuse() implements SmpConnectionBehavior {}

    /**
     * Nothing is sent (not even the greeting) for {@code delay}, then the engine serves.
     *
     * @param delay how long to wait
     */
    record Delay(Duration delay) implements SmpConnectionBehavior {
        /** Validates the component. */
        public Delay {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /**
     * Every transmission received is answered with {@code bytes} instead of the engine's reply (the
     * engine never sees it).
     *
     * @param bytes what to answer
     */
    record Garbage(byte[] bytes) implements SmpConnectionBehavior {
        /** Copies the bytes. */
        public Garbage {
            bytes = bytes.clone();
        }

        /**
         * A copy of the bytes.
         *
         * @return the garbage
         */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /**
     * The engine serves the connection until the read that completes the {@code n}-th
     * transmission: that read is not passed on and the connection is closed, unanswered.
     *
     * @param n which transmission closes the connection, from 1
     */
    record CloseOnTransmission(int n) implements SmpConnectionBehavior {
        /** Validates the component. */
        public CloseOnTransmission {
            if (n < 1) {
                throw new IllegalArgumentException("n must be at least 1");
            }
        }
    }

    /**
     * Serve the connection.
     *
     * @return the behaviour
     */
    static SmpConnectionBehavior serve() {
        return new Serve();
    }

    /**
     * Close the connection at once.
     *
     * @return the behaviour
     */
    static SmpConnectionBehavior refuse() {
        return new Refuse();
    }

    /**
     * Stay silent for {@code delay}, then serve.
     *
     * @param delay how long
     * @return the behaviour
     */
    static SmpConnectionBehavior delay(Duration delay) {
        return new Delay(delay);
    }

    /**
     * Answer every transmission with {@code bytes}.
     *
     * @param bytes the answer
     * @return the behaviour
     */
    static SmpConnectionBehavior garbage(byte[] bytes) {
        return new Garbage(bytes);
    }

    /**
     * Close the connection, unanswered, when the {@code n}-th transmission arrives.
     *
     * @param n which transmission, from 1
     * @return the behaviour
     */
    static SmpConnectionBehavior closeOnTransmission(int n) {
        return new CloseOnTransmission(n);
    }
}
