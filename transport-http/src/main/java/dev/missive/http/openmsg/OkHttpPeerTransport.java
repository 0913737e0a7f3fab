package dev.missive.http.openmsg;

import dev.missive.event.FailureKind;
import dev.missive.http.FailureKinds;
import dev.missive.http.HttpPeerClient;
import dev.missive.http.RequestNotSentException;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerTransport;
import dev.missive.openmsg.spi.PeerUnreachableException;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Openmsg's {@link PeerTransport} on OkHttp. Every call is a POST of the engine's JSON; the answer is
 * handed back untouched (status and raw bytes), because the PHP reference's answers need the
 * engine's lenient reading: leading CRLFs before the JSON, {@code Content-Type: text/html}, and HTTP
 * 200 carrying an error. A connection failure, timeout, reset, redirect (the domain must answer
 * itself) or oversized answer is a {@link PeerUnreachableException} with its {@link FailureKind} and
 * whether the request may have reached the peer ({@link HttpPeerClient} has already sent again, on a
 * fresh connection, a request that failed on a connection the peer had closed).
 */
public final class OkHttpPeerTransport implements PeerTransport {

    private static final Logger LOG = LoggerFactory.getLogger(OkHttpPeerTransport.class);

    private final HttpPeerClient client;

    /**
     * A transport on {@code client} (its timeouts, trust and body cap).
     *
     * @param client the HTTP client the node's calls go through
     */
    public OkHttpPeerTransport(HttpPeerClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * A transport with {@link HttpPeerClient}'s defaults and the JDK trust store.
     *
     * @return the transport
     */
    public static OkHttpPeerTransport create() {
        return new OkHttpPeerTransport(HttpPeerClient.create());
    }

    @Override
    public PeerResponse post(URI endpoint, byte[] jsonBody) throws PeerUnreachableException {
        try {
            HttpPeerClient.Answer answer = client.post(endpoint, jsonBody);
            return new PeerResponse(answer.status(), answer.body());
        } catch (IOException e) {
            boolean maybeDelivered = !(e instanceof RequestNotSentException);
            FailureKind reason = reasonOf(e);
            String message = endpoint.getHost() + ": " + describe(reason)
                    + (maybeDelivered ? " (the request may have reached the peer)" : " (the request was not sent)");
            LOG.debug("POST {} failed: {}", endpoint.getPath(), message, e);
            throw new PeerUnreachableException(reason, maybeDelivered, message, e);
        }
    }

    /** The kind of failure, from the first exception in the cause chain that tells. */
    static FailureKind reasonOf(IOException failure) {
        return FailureKinds.of(failure);
    }

    private static String describe(FailureKind reason) {
        return switch (reason) {
            case DNS -> "domain did not resolve";
            case REFUSED -> "connection refused or no route";
            case TIMEOUT -> "timed out";
            case TLS -> "TLS handshake failed";
            case RESET -> "connection reset or closed by the peer before a complete answer";
            case PROTOCOL -> "answer is not valid HTTP";
            case TOO_LARGE -> "answer larger than the cap";
            case REDIRECT -> "answered with a redirect, which is not followed";
            case HANDSHAKE, HTTP_STATUS, IO -> "call failed";
        };
    }
}
