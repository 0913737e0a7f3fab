package dev.missive.http.openmsg;

import dev.missive.http.HttpPeerClient;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerTransport;
import dev.missive.openmsg.spi.PeerUnreachableException;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/**
 * Openmsg's {@link PeerTransport} on OkHttp. Every call is a POST of the engine's JSON; the answer is
 * handed back untouched (status and raw bytes), because the PHP reference's answers need the
 * engine's lenient reading: leading CRLFs before the JSON, {@code Content-Type: text/html}, and HTTP
 * 200 carrying an error. A connection failure, timeout, redirect (the domain must answer itself) or
 * oversized answer is a {@link PeerUnreachableException}.
 */
public final class OkHttpPeerTransport implements PeerTransport {

    private final HttpPeerClient client;

    /** A transport on {@code client} (its timeouts, trust and body cap). */
    public OkHttpPeerTransport(HttpPeerClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** A transport with {@link HttpPeerClient}'s defaults and the JDK trust store. */
    public static OkHttpPeerTransport create() {
        return new OkHttpPeerTransport(HttpPeerClient.create());
    }

    @Override
    public PeerResponse post(URI endpoint, byte[] jsonBody) throws PeerUnreachableException {
        try {
            HttpPeerClient.Answer answer = client.post(endpoint, jsonBody);
            return new PeerResponse(answer.status(), answer.body());
        } catch (IOException e) {
            throw new PeerUnreachableException(endpoint.getHost() + ": " + e.getMessage(), e);
        }
    }
}
