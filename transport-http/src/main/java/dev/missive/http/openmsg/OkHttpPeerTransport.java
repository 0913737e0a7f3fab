package dev.missive.http.openmsg;

import dev.missive.event.FailureKind;
import dev.missive.http.BodyTooLargeException;
import dev.missive.http.HttpPeerClient;
import dev.missive.http.RedirectRefusedException;
import dev.missive.http.RequestNotSentException;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerTransport;
import dev.missive.openmsg.spi.PeerUnreachableException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLException;
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
        for (Throwable t = failure; t != null; t = t.getCause()) {
            FailureKind reason = switch (t) {
                case BodyTooLargeException e -> FailureKind.TOO_LARGE;
                case RedirectRefusedException e -> FailureKind.REDIRECT;
                case UnknownHostException e -> FailureKind.DNS;
                case ConnectException e -> isTimeout(e) ? FailureKind.TIMEOUT : FailureKind.REFUSED;
                case NoRouteToHostException e -> FailureKind.REFUSED;
                case SSLException e -> FailureKind.TLS;
                case InterruptedIOException e -> FailureKind.TIMEOUT;
                case EOFException e -> FailureKind.RESET;
                case ProtocolException e -> FailureKind.PROTOCOL;
                case SocketException e -> FailureKind.RESET;
                default -> null;
            };
            if (reason != null) {
                return reason;
            }
        }
        return FailureKind.IO;
    }

    private static boolean isTimeout(ConnectException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("timed out");
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
