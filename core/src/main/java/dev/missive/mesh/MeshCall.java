package dev.missive.mesh;

import java.util.Arrays;
import java.util.Objects;

/**
 * A request the server engine wants made to a peer during sync. The transport POSTs (or GETs)
 * {@code body} to {@code peerUrl + endpoint.path()} and hands the answer back to
 * {@link MeshServer#onReply}, or reports a failure through {@link MeshServer#onCallFailed}.
 *
 * @param peerUrl  the peer's origin
 * @param endpoint the peer's endpoint
 * @param body     the JSON body (empty for GET)
 */
public record MeshCall(String peerUrl, MeshEndpoint endpoint, byte[] body) {

    /** Checks the components and keeps a copy of the body. */
    public MeshCall {
        Objects.requireNonNull(peerUrl, "peerUrl");
        Objects.requireNonNull(endpoint, "endpoint");
        body = body.clone();
    }

    /**
     * A copy of the body.
     *
     * @return a fresh copy of the request body to send
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MeshCall that
                && peerUrl.equals(that.peerUrl)
                && endpoint == that.endpoint
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(peerUrl, endpoint, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "MeshCall[" + endpoint.method() + " " + peerUrl + endpoint.path() + ", " + body.length + " bytes]";
    }
}
