package dev.missive.emsg.spi;

import dev.missive.emsg.model.EmsgAddress;
import java.io.IOException;

/**
 * How a server engine asks peer servers for what it needs synchronously: domain keys, user keys and
 * profiles. The host implements it over ESMP: connect to the domain's server (through a
 * {@link Resolver}), say {@code hello} (and, for profiles, authenticate as this server), send the
 * request line the method names and return the peer's reply line unchanged; the engine parses and
 * verifies it. An implementation may cache replies.
 */
public interface PeerTransport {

    /**
     * Sends {@code {"type":"domain_key_request"}} to the domain's server.
     *
     * @param domain the peer domain
     * @return the reply line
     * @throws IOException if the peer cannot be reached
     */
    String fetchDomainKey(String domain) throws IOException;

    /**
     * Sends {@code {"type":"key_request","address":...}} to the address's home server.
     *
     * @param address whose keys
     * @return the reply line
     * @throws IOException if the peer cannot be reached
     */
    String fetchUserKeys(EmsgAddress address) throws IOException;

    /**
     * Sends {@code line} (a {@code profile_get} on behalf of a local viewer) to {@code domain}'s server
     * over an authenticated server-to-server session.
     *
     * @param domain the profile owner's domain
     * @param line   the request line the engine built
     * @return the reply line
     * @throws IOException if the peer cannot be reached
     */
    String request(String domain, String line) throws IOException;
}
