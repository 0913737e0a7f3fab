package dev.missive.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How an {@link OpenmsgTestPeer} answers one request: as its real node would ({@link #serve()}), or
 * misbehaving on purpose. Enqueue one with {@link OpenmsgTestPeer#enqueue}, or return one from a
 * {@link OpenmsgTestPeer.Dispatcher}.
 */
public sealed interface PeerBehavior {

    /** The node handles the request and its answer is sent. */
    record Serve() implements PeerBehavior {}

    /**
     * A fixed answer instead of the node's (the node never sees the request).
     *
     * @param status the HTTP status
     * @param body   the body, sent as {@code application/json} whatever it holds
     */
    record Respond(int status, String body) implements PeerBehavior {
        /** Validates the components. */
        public Respond {
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * The node handles the request and {@code rewrite} changes its answer's body before it is sent.
     *
     * @param rewrite the change, applied to the answer's text
     */
    record Rewrite(UnaryOperator<String> rewrite) implements PeerBehavior {
        /** Validates the component. */
        public Rewrite {
            Objects.requireNonNull(rewrite, "rewrite");
        }
    }

    /** The connection is closed without any answer (the node never sees the request). */
    record CloseConnection() implements PeerBehavior {}

    /**
     * Waits, then behaves like {@code then}.
     *
     * @param delay how long to wait
     * @param then  what to do afterwards
     */
    record Delay(Duration delay, PeerBehavior then) implements PeerBehavior {
        /** Validates the components. */
        public Delay {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(then, "then");
        }
    }

    /**
     * Answer as the node would.
     *
     * @return the behaviour
     */
    static PeerBehavior serve() {
        return new Serve();
    }

    /**
     * Refuse: HTTP {@code status} with a JSON error body, without asking the node.
     *
     * @param status the HTTP status, e.g. 503
     * @return the behaviour
     */
    static PeerBehavior refuse(int status) {
        return new Respond(status, "{\"error\":true,\"error_message\":\"refused by the test peer\"}");
    }

    /**
     * A fixed answer.
     *
     * @param status the HTTP status
     * @param json   the body
     * @return the behaviour
     */
    static PeerBehavior respond(int status, String json) {
        return new Respond(status, json);
    }

    /**
     * HTTP 200 with a body that is not JSON.
     *
     * @return the behaviour
     */
    static PeerBehavior garbage() {
        return new Respond(
                200, new String(new byte[] {'<', 'h', 't', 'm', 'l', '>', '\r', '\n', '{'}, StandardCharsets.US_ASCII));
    }

    /**
     * Close the connection without answering.
     *
     * @return the behaviour
     */
    static PeerBehavior closeConnection() {
        return new CloseConnection();
    }

    /**
     * Wait {@code delay}, then answer as the node would.
     *
     * @param delay how long to wait
     * @return the behaviour
     */
    static PeerBehavior delay(Duration delay) {
        return new Delay(delay, serve());
    }

    /**
     * Answer as the node would, with the body changed by {@code rewrite}.
     *
     * @param rewrite the change
     * @return the behaviour
     */
    static PeerBehavior rewrite(UnaryOperator<String> rewrite) {
        return new Rewrite(rewrite);
    }
}
