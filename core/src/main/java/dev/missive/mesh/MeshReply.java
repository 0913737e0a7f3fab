package dev.missive.mesh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a transport sends back for one request: the HTTP status and a UTF-8 JSON body
 * ({@code Content-Type: application/json}).
 *
 * @param httpStatus the HTTP status
 * @param body       the JSON body
 */
public record MeshReply(int httpStatus, byte[] body) {

    /** Checks the components and keeps a copy of the body. */
    public MeshReply {
        Objects.requireNonNull(body, "body");
        body = body.clone();
    }

    /**
     * A copy of the body.
     *
     * @return a fresh copy of the response body
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
        return other instanceof MeshReply that && httpStatus == that.httpStatus && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * httpStatus + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "MeshReply[" + httpStatus + ", " + body.length + " bytes]";
    }
}
