package dev.missive.openmsg.spi;

import java.net.URI;

/**
 * How a node POSTs to another node. Implementations send {@code jsonBody} with
 * {@code Content-Type: application/json}, do not follow redirects (a redirect would weaken the
 * "the domain itself confirmed it" guarantee), cap the response size, time out, and return any HTTP
 * answer, whatever its status, as a {@link PeerResponse}. Calls are nested (a peer may call this node
 * back while the call is in progress), so the node serving callbacks must be concurrent.
 */
@FunctionalInterface
public interface PeerTransport {

    /**
     * POSTs {@code jsonBody} to {@code endpoint}.
     *
     * @param endpoint the absolute URI of the peer's endpoint
     * @param jsonBody the request body, UTF-8 JSON
     * @return the peer's HTTP status and body, whatever the status
     * @throws PeerUnreachableException when no HTTP answer was obtained
     */
    PeerResponse post(URI endpoint, byte[] jsonBody) throws PeerUnreachableException;
}
