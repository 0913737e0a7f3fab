package dev.missive.openmsg;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a transport sends back for one inbound request: the HTTP status and a UTF-8 JSON body.
 * Protocol errors are answered with status 200 and {@code "error": true} in the body, as the
 * reference does; its clients decide from the JSON.
 *
 * @param httpStatus HTTP status code to send
 * @param body       UTF-8 JSON
 */
public record OpenmsgReply(int httpStatus, byte[] body) {

    /** Checks the components and keeps its own copies of the arrays. */
    public OpenmsgReply {
        Objects.requireNonNull(body, "body");
        body = body.clone();
    }

    /**
     * Returns a copy of the body: the record keeps its own.
     *
     * @return a copy of the response body
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body as text.
     *
     * @return the body decoded as UTF-8
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpenmsgReply that
                && httpStatus == that.httpStatus
                && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * httpStatus + java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "OpenmsgReply[httpStatus=" + httpStatus + ", bytes=" + body.length + "]";
    }
}
