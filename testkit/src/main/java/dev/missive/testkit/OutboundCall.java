package dev.missive.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A call an {@link OpenmsgTestPeer}'s node made to another node, with the answer it got.
 *
 * @param uri            where it was posted
 * @param body           the request body
 * @param responseStatus the answer's HTTP status, or -1 when the peer was unreachable
 * @param responseBody   the answer's body (empty when unreachable)
 */
public record OutboundCall(URI uri, byte[] body, int responseStatus, byte[] responseBody) {

    /** Validates the components and copies the arrays. */
    public OutboundCall {
        Objects.requireNonNull(uri, "uri");
        body = body.clone();
        responseBody = responseBody.clone();
    }

    /**
     * A copy of the request body.
     *
     * @return the bytes
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * A copy of the answer's body.
     *
     * @return the bytes
     */
    @Override
    public byte[] responseBody() {
        return responseBody.clone();
    }

    /**
     * The request body as UTF-8 text.
     *
     * @return the text
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The answer's body as UTF-8 text.
     *
     * @return the text
     */
    public String responseText() {
        return new String(responseBody, StandardCharsets.UTF_8);
    }

    /** Names the call and the status; bodies hold secrets and are left out. */
    @Override
    public String toString() {
        return "OutboundCall[" + uri + " -> " + responseStatus + "]";
    }
}
