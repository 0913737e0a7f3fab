package dev.missive.openmsg.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A peer's HTTP answer as the transport received it: status and raw body (possibly with the
 * reference's leading blank lines, possibly not JSON at all). The engine interprets it.
 *
 * @param status HTTP status code
 * @param body   the raw body bytes (the transport caps their size)
 */
public record PeerResponse(int status, byte[] body) {

    /** Checks the components and keeps its own copies of the arrays. */
    public PeerResponse {
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

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerResponse that && status == that.status && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * status + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "PeerResponse[status=" + status + ", bytes=" + body.length + "]";
    }
}
