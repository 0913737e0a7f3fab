package dev.missive.testkit;

import dev.missive.openmsg.OpenmsgEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A request an {@link OpenmsgTestPeer} received, with the answer it gave.
 *
 * @param sequence       its position among the peer's requests, from 1
 * @param method         the HTTP method
 * @param path           the request path, e.g. {@code /openmsg/auth/}
 * @param endpoint       the Openmsg endpoint the path names, if any
 * @param sandbox        whether the path was under {@code /openmsg/sandbox/}
 * @param body           the request body as received (at most the peer's cap)
 * @param responseStatus the HTTP status answered, or -1 when the connection was closed instead
 * @param responseBody   the body answered (empty when closed)
 */
public record RecordedRequest(
        int sequence,
        String method,
        String path,
        Optional<OpenmsgEndpoint> endpoint,
        boolean sandbox,
        byte[] body,
        int responseStatus,
        byte[] responseBody) {

    /** Validates the components and copies the arrays. */
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(endpoint, "endpoint");
        body = body.clone();
        responseBody = responseBody.clone();
    }

    /**
     * A copy of the request body.
     *
     * @return the body bytes
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * A copy of the answer's body.
     *
     * @return the body bytes
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

    /** Names the request and the answer's status; bodies may hold secrets and are left out. */
    @Override
    public String toString() {
        return "RecordedRequest[" + sequence + " " + method + " " + path + " -> " + responseStatus + "]";
    }
}
