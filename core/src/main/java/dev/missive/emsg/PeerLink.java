package dev.missive.emsg;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.wire.EmsgJson;
import dev.missive.emsg.wire.Frames;
import dev.missive.emsg.wire.Handshake;

/**
 * The connecting side of a server-to-server session ({@code docs/emsg.md}, "Federation"): send
 * {@link #hello()}, pass the peer's answer to {@link #onHello} and send the {@code auth} line it
 * returns, pass the answer to {@link #onAuthReply}; then send deliveries ({@link EmsgServer#nextDue})
 * and queries on the same connection, one line and one reply at a time. Key queries
 * ({@link #domainKeyRequest()}, {@link #keyRequest}) need only the hello.
 */
public final class PeerLink {

    private final EmsgServer server;
    private final String peerDomain;
    private boolean ready;

    PeerLink(EmsgServer server, String peerDomain) {
        this.server = server;
        this.peerDomain = peerDomain;
    }

    /**
     * The peer's domain.
     *
     * @return the peer's lower-case domain
     */
    public String peerDomain() {
        return peerDomain;
    }

    /**
     * The first line to send.
     *
     * @return our {@code hello} as a server
     */
    public String hello() {
        return Frames.hello("server", server.domain, null);
    }

    /**
     * Reads the peer's {@code hello} and answers with our signed {@code auth}.
     *
     * @param reply the peer's line
     * @return the {@code auth} line to send
     * @throws EmsgException the peer's error, {@code 505} on a MAJOR mismatch, {@code 403} if the peer
     *     says it serves another domain
     */
    public String onHello(String reply) throws EmsgException {
        Handshake.ServerHello hello = Handshake.readServerHello(reply);
        if (!hello.domain().equals(peerDomain)) {
            throw new EmsgException(EmsgError.FORBIDDEN, "peer serves another domain");
        }
        return Handshake.serverAuth(server.domain, hello, server.domainKey);
    }

    /**
     * Reads the answer to our {@code auth}.
     *
     * @param reply the peer's line
     * @throws EmsgException the peer's refusal
     */
    public void onAuthReply(String reply) throws EmsgException {
        Handshake.readOk(reply);
        ready = true;
    }

    /**
     * Whether the session is authenticated.
     *
     * @return true once the peer accepted this server's authentication ({@link #onAuthReply})
     */
    public boolean isReady() {
        return ready;
    }

    /**
     * The line asking a server for its domain key.
     *
     * @return {@code {"type":"domain_key_request"}}
     */
    public static String domainKeyRequest() {
        return EmsgJson.write(EmsgJson.object().put("type", "domain_key_request"));
    }

    /**
     * The line asking a server for a user's keys.
     *
     * @param address the user
     * @return {@code {"type":"key_request","address":...}}
     */
    public static String keyRequest(EmsgAddress address) {
        return EmsgJson.write(EmsgJson.object().put("type", "key_request").put("address", address.toString()));
    }
}
